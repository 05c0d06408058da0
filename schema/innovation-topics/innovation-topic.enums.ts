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
