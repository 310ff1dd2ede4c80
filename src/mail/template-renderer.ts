import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface CompiledTemplate {
  html: Handlebars.TemplateDelegate;
  text: Handlebars.TemplateDelegate;
}

interface CompilableMail {
  data: { template?: string; context?: Record<string, unknown>; html?: unknown; text?: unknown };
}

/**
 * A nodemailer `compile` plugin for the mailer: `template: 'name'` renders
 * `templates/name.html.hbs` (HTML-escaped) and `templates/name.text.hbs` (plain) with `context`.
 */
export function handlebarsTemplates(dir: string) {
  const cache = new Map<string, CompiledTemplate>();
  const load = (name: string): CompiledTemplate => {
    let compiled = cache.get(name);
    if (!compiled) {
      const read = (ext: string) => readFileSync(join(dir, `${name}.${ext}.hbs`), 'utf8');
      compiled = {
        html: Handlebars.compile(read('html'), { strict: true }),
        text: Handlebars.compile(read('text'), { strict: true, noEscape: true }),
      };
      cache.set(name, compiled);
    }
    return compiled;
  };
  return (mail: CompilableMail, done: (err?: Error | null) => void): void => {
    const { template, context } = mail.data;
    if (!template || mail.data.html) return done();
    try {
      const compiled = load(template);
      mail.data.html = compiled.html(context);
      mail.data.text = compiled.text(context);
      done();
    } catch (error) {
      done(error as Error);
    }
  };
}
