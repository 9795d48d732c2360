import type { Choice } from '../../forms/ChoiceList';
import { useWholeList } from '../../hooks/useApiQuery';

/** Every active user as a choice: name, with email and whose contact they are (or staff). */
export function useUserChoices(wanted = true): { choices: Choice[]; loading: boolean; error: Error | undefined } {
  const users = useWholeList('user.list', wanted ? { sort: 'name', dir: 'asc' } : null);
  const choices = (users.data ?? [])
    .filter((u) => u.isActive)
    .map((u) => ({ id: u.id, label: u.name, detail: `${u.email} · ${u.customerName ? `${u.customerName}’s contact` : 'staff'}` }));
  return { choices, loading: wanted && users.data === undefined && !users.error, error: users.error };
}
