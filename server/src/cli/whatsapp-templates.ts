import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { whatsappTemplatesMarkdown } from '../notifications/notification-words';

/** `npm run notifications:templates`: writes docs/whatsapp-templates.md, the templates an operator registers with Meta. */
const target = path.resolve(__dirname, '../../../../docs/whatsapp-templates.md');
writeFileSync(target, whatsappTemplatesMarkdown());
console.log(`Wrote ${path.relative(process.cwd(), target)}`);
