/**
 * The type of a file from its bytes (magic numbers), with `file-type`: never
 * from its name or what the client declared. file-type is an ES module only;
 * the server is CommonJS, so it is loaded with import() once.
 */
type FileTypeModule = { fileTypeFromFile: (path: string) => Promise<{ mime: string; ext: string } | undefined> };

let fileType: Promise<FileTypeModule> | undefined;

export async function detectContentType(path: string): Promise<string | undefined> {
  fileType ??= import('file-type') as Promise<FileTypeModule>;
  return (await (await fileType).fileTypeFromFile(path))?.mime;
}
