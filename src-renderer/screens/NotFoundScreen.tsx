import { Link } from 'react-router';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';

export function NotFoundScreen() {
  return (
    <>
      <PageHeader title="Page not found" />
      <EmptyState
        title="There is nothing at this address."
        action={
          <Link className="button button--primary" to="/">
            Go to the dashboard
          </Link>
        }
      >
        <p>Choose an area on the left.</p>
      </EmptyState>
    </>
  );
}
