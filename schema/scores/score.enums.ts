import { registerEnumType } from 'type-graphql';

export enum ScorePart {
  TARGET = 'TARGET',
  SOCIAL = 'SOCIAL',
  LEADERSHIP = 'LEADERSHIP',
  INNOVATION = 'INNOVATION',
}
registerEnumType(ScorePart, {
  name: 'ScorePart',
  description: 'The parts of the "3+1" annual score: TARGET 目标考核 (computed from completion), SOCIAL 社会评价 and LEADERSHIP 领导考评 (entered scores), plus INNOVATION 创新创优 (bonus points for innovation topics).',
});

export enum ScoreInputKind {
  ITEM = 'ITEM',
  ROLE = 'ROLE',
  RATING = 'RATING',
  BONUS = 'BONUS',
  CAP = 'CAP',
}
registerEnumType(ScoreInputKind, {
  name: 'ScoreInputKind',
  description: 'What an input row of a part is: ITEM (an indicator or milestone the department leads or supports, with its status, points and weight), ROLE (the subtotal of the items of one role and its share), RATING (an entered score), BONUS (innovation points for one topic), CAP (the innovation cap applied).',
});
