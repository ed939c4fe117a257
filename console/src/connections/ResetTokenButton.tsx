import { useId, useState } from 'react';
import { useMutation } from 'urql';
import { ErrorMessage } from '../api/ErrorMessage';
import type { ConnectionKind } from '../gql/graphql';
import { ConfirmDialog } from './ConfirmDialog';
import { RotateConnectionTokenMutation } from './documents';
import { KIND_GUIDES } from './kinds';

const MAX_OVERLAP_MINUTES = 7 * 24 * 60;

/**
 * "Reset API token": confirms the consequence (the old token stops working at once, or after the
 * overlap), then hands the new secret to the page, which shows it until the admin leaves.
 */
export function ResetTokenButton({
  connection,
  onIssued,
}: {
  connection: { id: string; kind: ConnectionKind };
  onIssued: (secret: string) => void;
}) {
  const overlapId = useId();
  const [open, setOpen] = useState(false);
  const [overlap, setOverlap] = useState('');
  const [{ fetching, error }, rotate] = useMutation(RotateConnectionTokenMutation);
  const minutes = overlap.trim() === '' ? 0 : Number(overlap);
  const overlapValid = Number.isInteger(minutes) && minutes >= 0 && minutes <= MAX_OVERLAP_MINUTES;
  const guide = KIND_GUIDES[connection.kind];

  const confirm = async () => {
    if (!overlapValid) return;
    const result = await rotate({ id: connection.id, overlapMinutes: minutes });
    if (result.data) {
      setOpen(false);
      setOverlap('');
      onIssued(result.data.rotateConnectionToken.secret);
    }
  };

  return (
    <>
      <ConfirmDialog
        open={open}
        onOpen={() => setOpen(true)}
        triggerLabel="Reset API token"
        title="Reset the connection’s token?"
        confirmLabel="Reset API token"
        danger
        busy={fetching || !overlapValid}
        onConfirm={() => void confirm()}
        onCancel={() => setOpen(false)}
      >
        <p>
          A new API token is issued and shown once. The current token{' '}
          <strong>{minutes > 0 ? `stops working after ${minutes} minutes` : 'stops working at once'}</strong>:
          until {guide.label}&apos;s {guide.tokenField} is replaced, its requests are refused (401). Users,
          groups and the connection&apos;s settings are kept.
        </p>
        <label htmlFor={overlapId}>Overlap in minutes (optional)</label>
        <input
          id={overlapId}
          type="number"
          inputMode="numeric"
          min={0}
          max={MAX_OVERLAP_MINUTES}
          value={overlap}
          onChange={(event) => setOverlap(event.target.value)}
          aria-invalid={!overlapValid || undefined}
          aria-describedby={`${overlapId}-hint`}
        />
        <p id={`${overlapId}-hint`} className={overlapValid ? 'hint' : 'error'}>
          How long the old token keeps working: 0 (empty) to {MAX_OVERLAP_MINUTES} (7 days).
        </p>
        {error && <ErrorMessage error={error} context="Resetting the token failed" />}
      </ConfirmDialog>
    </>
  );
}
