// mjml 5 ships no types; this is the part we use (mjml2html is async in v5).
declare module 'mjml' {
  interface MjmlOptions {
    validationLevel?: 'strict' | 'soft' | 'skip';
    ignoreIncludes?: boolean;
    filePath?: string;
    minify?: boolean;
    keepComments?: boolean;
    beautify?: boolean;
  }
  interface MjmlError {
    line: number;
    message: string;
    tagName: string;
    formattedMessage: string;
  }
  function mjml2html(input: string, options?: MjmlOptions): Promise<{ html: string; errors: MjmlError[] }>;
  export default mjml2html;
}
