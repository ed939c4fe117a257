import type { FormEvent } from 'react';
import { useId, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMutation } from 'urql';
import { ErrorMessage } from '../api/ErrorMessage';
import type { ConnectionStatus as Status } from '../gql/graphql';
import { ConnectionStatus } from '../gql/graphql';
import { ConfirmDialog } from './ConfirmDialog';
import { DeleteConnectionMutation, RenameConnectionMutation, SetConnectionStatusMutation } from './documents';

/** Button text per status; a status the schema adds later gets a generic one until named here. */
const STATUS_ACTIONS: Readonly<Record<string, { label: string; effect: string }>> = {
  ACTIVE: { label: 'Resume', effect: 'Requests are answered and changes are saved.' },
  PAUSED: { label: 'Pause', effect: 'Every request is refused (403) and nothing is written.' },
  DRY_RUN: { label: 'Dry run', effect: 'Requests are answered as usual but nothing is saved.' },
};

interface ActionTarget {
  readonly id: string;
  readonly name: string;
  readonly status: Status;
}

/** Status (every status the schema's enum has), rename and delete. */
export function ConnectionActions({
  connection,
  onChanged,
}: {
  connection: ActionTarget;
  onChanged: () => void;
}) {
  const statuses = Object.values(ConnectionStatus).filter((status) => status !== connection.status);
  const [status, setStatus] = useMutation(SetConnectionStatusMutation);
  return (
    <section aria-labelledby="manage-heading" className="card">
      <h2 id="manage-heading">Manage</h2>
      <div className="actions">
        {statuses.map((next) => {
          const action = STATUS_ACTIONS[next] ?? { label: `Set status ${next}`, effect: '' };
          return (
            <button
              key={next}
              type="button"
              className="secondary"
              disabled={status.fetching}
              title={action.effect}
              onClick={() => void setStatus({ id: connection.id, status: next }).then(onChanged)}
            >
              {action.label}
            </button>
          );
        })}
      </div>
      {status.error && <ErrorMessage error={status.error} context="Changing the status failed" />}
      <RenameForm connection={connection} onRenamed={onChanged} />
      <DeleteButton connection={connection} onFailed={onChanged} />
    </section>
  );
}

function RenameForm({ connection, onRenamed }: { connection: ActionTarget; onRenamed: () => void }) {
  const id = useId();
  const [name, setName] = useState(connection.name);
  const [{ fetching, error }, rename] = useMutation(RenameConnectionMutation);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await rename({ id: connection.id, name: name.trim() });
    if (!result.error) onRenamed();
  };
  return (
    <form onSubmit={(event) => void submit(event)} className="inline-form">
      <label htmlFor={id}>Name</label>
      <div className="copy-field">
        <input id={id} value={name} maxLength={200} onChange={(event) => setName(event.target.value)} />
        <button type="submit" className="secondary" disabled={fetching || name.trim() === connection.name}>
          Rename
        </button>
      </div>
      {error && <ErrorMessage error={error} context="Renaming failed" />}
    </form>
  );
}

function DeleteButton({ connection, onFailed }: { connection: ActionTarget; onFailed: () => void }) {
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [{ fetching, error }, remove] = useMutation(DeleteConnectionMutation);
  const confirm = async () => {
    const result = await remove({ id: connection.id });
    if (result.error) return onFailed();
    setOpen(false);
    navigate('/connections');
  };
  return (
    <div className="actions">
      <ConfirmDialog
        open={open}
        onOpen={() => setOpen(true)}
        triggerLabel="Delete connection"
        triggerClassName="danger"
        title={`Delete ${connection.name}?`}
        confirmLabel="Delete connection"
        danger
        busy={fetching}
        onConfirm={() => void confirm()}
        onCancel={() => setOpen(false)}
      >
        <p>
          Its API tokens stop working at once and the identity provider&apos;s requests are refused. The users
          and groups it created stay.
        </p>
        {error && <ErrorMessage error={error} context="Deleting failed" />}
      </ConfirmDialog>
    </div>
  );
}
