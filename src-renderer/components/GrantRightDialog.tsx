/**
 * Grants a user a right on one object (the seed's UserObjectRights). Opened from an
 * object's page (the object is fixed), a user's page (the user is fixed) or the rights
 * list (both are chosen). Objects are picked by name, never typed as ids.
 */
import { useState } from 'react';
import { OBJECT_TYPES } from '../../src-main/api/schemas';
import type { ObjectRight, ObjectType } from '../../src-main/domain/people/types';
import { DialogRefusal } from '../forms/DialogRefusal';
import { SelectField } from '../forms/fields';
import { errorFor, useApiForm, type FieldErrors } from '../forms/useApiForm';
import { useApiQuery } from '../hooks/useApiQuery';
import { Dialog } from './Dialog';
import { DialogActions } from './DialogActions';
import { RecordPicker, type PickedRecord } from './RecordPicker';
import { OBJECT_SEARCHES, OBJECT_TYPE_LABELS, searchUsers } from './recordSearches';
import { useToast } from './Toasts';

export interface GrantTarget {
  type: ObjectType;
  id: string;
  /** "License 12 · Kathrin Fretz". */
  label: string;
}

interface GrantRightDialogProps {
  /** The object, when the dialog is opened from its page. */
  object?: GrantTarget;
  /** The user, when opened from their page. */
  user?: { id: number; name: string };
  onClose: () => void;
  onGranted: (grant: ObjectRight) => void;
}

const TYPE_OPTIONS = OBJECT_TYPES.map((type) => ({ value: type, label: OBJECT_TYPE_LABELS[type] }));

export function GrantRightDialog({ object, user, onClose, onGranted }: GrantRightDialogProps) {
  const toast = useToast();
  const form = useApiForm();
  const rights = useApiQuery('right.list', {});
  const [pickedUser, setPickedUser] = useState<PickedRecord | null>(null);
  const [rightId, setRightId] = useState('');
  const [objectType, setObjectType] = useState<ObjectType>('license');
  const [pickedObject, setPickedObject] = useState<PickedRecord | null>(null);

  const userId = user?.id ?? (pickedUser ? Number(pickedUser.value) : 0);
  const target = object ?? (pickedObject ? { type: objectType, id: pickedObject.value, label: pickedObject.label } : null);

  async function submit() {
    const missing: FieldErrors = {};
    if (!userId) missing.userId = 'Choose who gets the right.';
    if (!Number(rightId)) missing.rightId = 'Choose a right.';
    if (!target) missing.objectId = `Choose the ${OBJECT_TYPE_LABELS[objectType].toLowerCase()} the right is held on.`;
    if (!target || Object.keys(missing).length) return form.reject(missing);
    const grant = await form.submit('right.grant', { userId, rightId: Number(rightId), objectType: target.type, objectId: target.id });
    if (!grant) return;
    toast.success(`${grant.userName} now holds “${grant.rightName}” on ${grant.objectLabel}.`);
    onGranted(grant);
  }

  const rightOptions = (rights.data ?? []).map((r) => ({ value: String(r.id), label: r.name }));
  const rightPlaceholder = rights.data === undefined ? 'Loading rights…' : rightOptions.length ? 'Choose a right…' : 'No rights yet: create one under Users & rights';

  return (
    <Dialog
      title={object ? `Grant a right on ${object.label}` : user ? `Grant ${user.name} a right` : 'Grant a right'}
      wide
      onClose={onClose}
      onSubmit={() => void submit()}
      failures={form.failures}
      actions={<DialogActions saving={form.saving} label="Grant right" busyLabel="Granting…" onCancel={onClose} />}
    >
      <p>Who may do what on which record. The grant shows on the user’s page and on the record’s.</p>
      <DialogRefusal form={form} fields={['userId', 'rightId', 'objectType', 'objectId']} />
      <div className="dialog__fields dialog__fields--two">
        {!user && (
          <RecordPicker
            name="userId"
            label="User"
            required
            autoFocus
            search={searchUsers}
            value={pickedUser}
            placeholder="Type a name or email"
            noMatch="No user matches."
            onChange={(picked) => {
              setPickedUser(picked);
              form.clearError('userId');
            }}
            error={errorFor(form.errors, 'userId')}
          />
        )}
        <SelectField
          name="rightId"
          label="Right"
          required
          autoFocus={Boolean(user)}
          value={rightId}
          options={rightOptions}
          placeholder={rightPlaceholder}
          onChange={(v) => {
            setRightId(v);
            form.clearError('rightId');
          }}
          error={errorFor(form.errors, 'rightId') ?? rights.error?.message}
        />
        {!object && (
          <>
            <SelectField
              name="objectType"
              label="On a"
              value={objectType}
              options={TYPE_OPTIONS}
              onChange={(v) => {
                setObjectType(v as ObjectType);
                setPickedObject(null);
                form.clearError('objectType');
                form.clearError('objectId');
              }}
              error={errorFor(form.errors, 'objectType')}
            />
            <RecordPicker
              // A new type searches another list: start that picker afresh.
              key={objectType}
              name="objectId"
              label={OBJECT_TYPE_LABELS[objectType]}
              required
              search={OBJECT_SEARCHES[objectType]}
              value={pickedObject}
              placeholder="Type to search"
              noMatch={`No ${OBJECT_TYPE_LABELS[objectType].toLowerCase()} matches.`}
              onChange={(picked) => {
                setPickedObject(picked);
                form.clearError('objectId');
              }}
              error={errorFor(form.errors, 'objectId')}
            />
          </>
        )}
      </div>
    </Dialog>
  );
}
