import { registerEnumType } from 'type-graphql';

export enum InnovationField {
  ECONOMY = 'ECONOMY',
  POLITICS = 'POLITICS',
  CULTURE = 'CULTURE',
  SOCIETY = 'SOCIETY',
  ECOLOGY = 'ECOLOGY',
  INSTITUTIONS = 'INSTITUTIONS',
}
registerEnumType(InnovationField, { name: 'InnovationField', description: '经济建设, 政治建设, 文化建设, 社会建设, 生态文明建设, 制度建设.' });

export const INNOVATION_FIELD_LABELS: Record<string, InnovationField> = {
  经济建设: InnovationField.ECONOMY,
  政治建设: InnovationField.POLITICS,
  文化建设: InnovationField.CULTURE,
  社会建设: InnovationField.SOCIETY,
  生态文明建设: InnovationField.ECOLOGY,
  制度建设: InnovationField.INSTITUTIONS,
};
