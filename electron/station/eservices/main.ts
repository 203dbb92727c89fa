/** `npm run eservices -- check <file>…`: the e-service definitions' checker (command.ts). */
import { isMainModule, runMain } from '../../node/main-module';
import { main } from './command';

if (isMainModule(import.meta.url)) runMain(() => main(process.argv.slice(2)), 'eservices');
