/**
 * A failure shown to the user: one sentence in their language (re-rendered when the language
 * changes, because the error itself is kept, not its text), and the developer's English reason
 * folded away under "details".
 */
import { useTranslation } from 'react-i18next';
import { describeError } from '../lib/errors.js';

interface Props {
  error: unknown;
  /** A catalogue key with a {{message}} placeholder that frames the sentence (e.g. "could not import: …"). */
  context?: string;
  testId?: string;
}

export function ErrorNotice({ error, context, testId }: Props) {
  const { t } = useTranslation();
  const { text, detail } = describeError(error, t);
  return (
    <div className="notice bad error-notice" data-testid={testId}>
      <p role="alert">{context ? t(context, { message: text }) : text}</p>
      <details>
        <summary>{t('errors.details')}</summary>
        <code className="pre-wrap">{detail}</code>
      </details>
    </div>
  );
}
