import { useSession } from '../session/session-context';

/** "Switch organization" (platform:admin tokens) and "Sign out", wherever the session can end. */
export function SessionButtons({
  canSwitch = false,
  className,
}: {
  canSwitch?: boolean;
  className?: string;
}) {
  const session = useSession();
  return (
    <>
      {canSwitch && (
        <button type="button" className={className} onClick={() => session.chooseOrganization(null)}>
          Switch organization
        </button>
      )}
      <button type="button" className={className} onClick={session.signOut}>
        Sign out
      </button>
    </>
  );
}
