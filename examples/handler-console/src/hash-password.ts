// Prints the hash of a password for the accounts file:
//   npm run hash-password -w examples/handler-console   (then type the password; it is not echoed)
import { hashPassword } from './passwords.js';

async function readPassword(): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    // Piped in (scripts): the first line.
    let text = '';
    for await (const chunk of stdin) text += chunk;
    return text.split(/\r?\n/)[0];
  }
  process.stderr.write('Kata sandi (tidak ditampilkan): ');
  stdin.setRawMode(true);
  let password = '';
  for await (const chunk of stdin) {
    for (const char of String(chunk)) {
      if (char === '\r' || char === '\n') {
        stdin.setRawMode(false);
        process.stderr.write('\n');
        return password;
      }
      if (char === '\u0003') process.exit(130);
      if (char === '\u007f') password = password.slice(0, -1);
      else password += char;
    }
  }
  return password;
}

const password = await readPassword();
if (password.length < 12) {
  console.error('Kata sandi minimal 12 karakter.');
  process.exit(1);
}
console.log(await hashPassword(password));
process.exit(0);
