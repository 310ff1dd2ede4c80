import { byId, readError, uuid } from './dom.js';
import { appendFormSignals, loadFormToken } from './form-token.js';
import { appendSource } from './source-fields.js';

const FIELDS = [
  'first_name',
  'last_name',
  'email',
  'phone',
  'message',
  'opposing_party',
  'resume',
] as const;
type Field = (typeof FIELDS)[number];
const LABELS: Record<Field, string> = {
  first_name: 'First name',
  last_name: 'Last name',
  email: 'Email',
  phone: 'Phone',
  message: 'Message',
  opposing_party: 'Other party',
  resume: 'CV',
};
const MESSAGE_MAX = 2000;
const CV_EXTENSIONS = ['.pdf', '.doc', '.docx'];

const form = byId<HTMLFormElement>('lead-form');
// The browser's own checks are for the page without script; here the script explains each field.
form.noValidate = true;
const maxBytes = Number(form.dataset.maxBytes);
const submit = byId<HTMLButtonElement>('submit');
const fileInput = byId<HTMLInputElement>('resume_file');
const urlInput = byId<HTMLInputElement>('resume_url');
// One key per filled-in form: a double click or a retry after a network error cannot make two leads.
let idempotencyKey = uuid();

byId('resume-hint').textContent =
  `PDF, DOC or DOCX, at most ${(maxBytes / 1024 / 1024).toFixed(0)} MB — or a link starting with https://`;

/** Shows the CV input chosen (CSS does the same without script) and forgets the other's error. */
function applyResumeKind(): void {
  const useUrl = usingUrl();
  byId('resume-url-field').hidden = !useUrl;
  byId('resume-file-field').hidden = useUrl;
  byId('resume-error').textContent = '';
  fileInput.removeAttribute('aria-invalid');
  urlInput.removeAttribute('aria-invalid');
}
for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="resume_kind"]')) {
  radio.addEventListener('change', applyResumeKind);
}
applyResumeKind();
void loadFormToken();
form.addEventListener('input', () => {
  idempotencyKey = uuid(); // a changed form is a new submission
});

function input(field: Field): HTMLInputElement | HTMLTextAreaElement {
  if (field === 'resume') return usingUrl() ? urlInput : fileInput;
  return byId<HTMLInputElement>(field);
}

function usingUrl(): boolean {
  return byId<HTMLInputElement>('resume-kind-url').checked;
}

function clearErrors(): void {
  for (const field of FIELDS) showError(field, '');
  byId('form-error').textContent = '';
}

function showError(field: Field, message: string): void {
  byId(`${field}-error`).textContent = message;
  const target = input(field);
  if (message) target.setAttribute('aria-invalid', 'true');
  else target.removeAttribute('aria-invalid');
}

/** The same rules the server applies, so most mistakes are caught before sending. */
function checkLocally(): Partial<Record<Field, string>> {
  const problems: Partial<Record<Field, string>> = {};
  for (const field of ['first_name', 'last_name'] as const) {
    const value = input(field).value.trim();
    if (!value) problems[field] = `${LABELS[field]} is required.`;
    else if (value.length > 100)
      problems[field] = `${LABELS[field]} must be at most 100 characters.`;
  }
  if (input('opposing_party').value.trim().length > 100) {
    problems.opposing_party = 'Other party must be at most 100 characters.';
  }
  const email = input('email').value.trim();
  if (!email) problems.email = 'Email is required.';
  else if (!input('email').checkValidity()) problems.email = 'Enter a valid email address.';
  const message = input('message').value.trim();
  if ([...message].length > MESSAGE_MAX) {
    problems.message = `Please keep the message under ${MESSAGE_MAX} characters.`;
  }
  if (usingUrl()) {
    if (!/^https?:\/\/\S+$/i.test(urlInput.value.trim())) {
      problems.resume = 'Enter a link starting with http:// or https://.';
    }
  } else {
    const file = fileInput.files?.[0];
    if (!file) problems.resume = 'Choose your CV file.';
    else if (!CV_EXTENSIONS.some((ext) => file.name.toLowerCase().endsWith(ext))) {
      problems.resume = 'The CV must be a PDF, DOC or DOCX file.';
    } else if (file.size > maxBytes) {
      problems.resume = `The CV is too large (at most ${(maxBytes / 1024 / 1024).toFixed(0)} MB).`;
    }
  }
  return problems;
}

/** Server messages start with the field name ("email must be…"); put each under its field. */
function showServerErrors(status: number, messages: string[]): void {
  let general = '';
  for (const message of messages) {
    const field =
      status === 413 || status === 415 ? 'resume' : FIELDS.find((f) => message.startsWith(f));
    if (field) {
      const text = message.startsWith(field)
        ? LABELS[field] + message.slice(field.length)
        : message;
      showError(field, text.endsWith('.') ? text : `${text}.`);
    } else {
      general = message;
    }
  }
  if (general) byId('form-error').textContent = general;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void send();
});

async function send(): Promise<void> {
  clearErrors();
  const problems = checkLocally();
  const first = FIELDS.find((f) => problems[f]);
  if (first) {
    for (const f of FIELDS) if (problems[f]) showError(f, problems[f]);
    input(first).focus();
    return;
  }
  const body = new FormData();
  for (const f of ['first_name', 'last_name', 'email'] as const) body.set(f, input(f).value.trim());
  for (const f of ['phone', 'message'] as const) {
    const value = input(f).value.trim();
    if (value) body.set(f, value);
  }
  const opposing = input('opposing_party').value.trim();
  if (opposing) body.set('opposing_party', opposing);
  appendFormSignals(body);
  appendSource(body);
  if (usingUrl()) body.set('resume', urlInput.value.trim());
  else body.set('resume', fileInput.files![0]);

  submit.disabled = true;
  try {
    const res = await fetch('/leads', {
      method: 'POST',
      body,
      headers: { 'Idempotency-Key': idempotencyKey },
    });
    if (res.ok) {
      const lead = (await res.json()) as { first_name: string; email: string; reference: string };
      thankYou(lead.first_name, lead.email, lead.reference);
      return;
    }
    const error = await readError(res);
    if (res.status === 429) {
      byId('form-error').textContent =
        `Too many submissions from your network. Please try again in ${error.retryAfter ?? 'a minute'} seconds.`;
    } else {
      showServerErrors(res.status, error.messages);
    }
  } catch {
    byId('form-error').textContent =
      'Could not reach the server. Check your connection and try again.';
  } finally {
    submit.disabled = false;
  }
}

function thankYou(name: string, email: string, reference: string): void {
  byId('thanks-name').textContent = name;
  byId('thanks-email').textContent = email;
  byId('thanks-reference').textContent = reference;
  byId('form-view').hidden = true;
  byId('thanks-view').hidden = false;
  byId('thanks-title').focus();
}
