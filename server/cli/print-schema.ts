// Writes schema/schema.graphql from the type-graphql classes: npm run schema:print
import { writeFileSync } from 'node:fs';
import { printedSchema } from '../schema';

writeFileSync('schema/schema.graphql', await printedSchema());
console.log('wrote schema/schema.graphql');
