import { Link } from 'react-router-dom';

/** A record that is gone (deleted, perhaps in another tab): say so, and offer the way back. */
export function NotFound({
  title,
  message,
  back,
}: {
  title: string;
  message: string;
  back: { to: string; label: string };
}) {
  return (
    <section>
      <h1>{title}</h1>
      <p role="alert">{message}</p>
      <Link to={back.to}>{back.label}</Link>
    </section>
  );
}
