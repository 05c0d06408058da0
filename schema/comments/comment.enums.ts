import { registerEnumType } from 'type-graphql';

/** A citizen comment waits for the office: PENDING until moderated, then PUBLISHED or REJECTED. */
export enum CommentState {
  PENDING = 'PENDING',
  PUBLISHED = 'PUBLISHED',
  REJECTED = 'REJECTED',
}
registerEnumType(CommentState, { name: 'CommentState', description: 'PENDING: waits for the evaluation office; PUBLISHED: shown on the public page; REJECTED: never shown.' });

/** What a comment is about: the three tables the public page shows. */
export enum CommentItemKind {
  INDICATOR = 'INDICATOR',
  SPECIAL_TARGET = 'SPECIAL_TARGET',
  RECTIFICATION = 'RECTIFICATION',
}
registerEnumType(CommentItemKind, { name: 'CommentItemKind', description: 'An indicator (table 1), a special target (table 2) or a rectification (table 3).' });
