/** Notification subscriptions with Unsubscribe: on an app's page (by user) and a user's page (by app). */
import { Link } from 'react-router';
import type { NotificationSubscription } from '../../../src-main/domain/people/types';
import { api } from '../../api/client';
import { ConfirmButton } from '../../components/ConfirmButton';
import { useToast } from '../../components/Toasts';
import { userPaths } from '../users/userPaths';
import { appPaths } from './appPaths';

export function SubscriptionsTable({
  subscriptions,
  caption,
  by,
  onChanged,
}: {
  subscriptions: NotificationSubscription[];
  caption: string;
  /** The column that tells the rows apart: the user (an app's page) or the app (a user's page). */
  by: 'user' | 'app';
  onChanged: () => void;
}) {
  const toast = useToast();
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{by === 'user' ? 'User' : 'App'}</th>
            <th scope="col">Notification</th>
            <th scope="col" className="cell--end">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {subscriptions.map((s) => (
            <tr key={s.id}>
              <td>{by === 'user' ? <Link to={userPaths.user(s.userId)}>{s.userName}</Link> : <Link to={appPaths.app(s.appId)}>{s.appName}</Link>}</td>
              <td>{s.kind}</td>
              <td className="cell--end">
                <ConfirmButton
                  small
                  label="Unsubscribe"
                  ariaLabel={by === 'user' ? `Unsubscribe ${s.userName} from ${s.kind}` : `Unsubscribe ${s.userName} from ${s.kind} of ${s.appName}`}
                  title={`Unsubscribe ${s.userName} from ${s.kind}?`}
                  confirmLabel="Unsubscribe"
                  busyLabel="Unsubscribing…"
                  refusedTitle="The subscription was not removed"
                  run={() => api('app.unsubscribe', { id: s.id })}
                  onDone={() => {
                    toast.success(`${s.userName} no longer gets ${s.kind} notifications of ${s.appName}.`);
                    onChanged();
                  }}
                >
                  <p>
                    {s.userName} will no longer be notified of <strong>{s.kind}</strong> for {s.appName}.
                  </p>
                </ConfirmButton>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
