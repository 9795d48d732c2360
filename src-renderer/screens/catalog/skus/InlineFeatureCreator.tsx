/**
 * Adds a feature code without leaving the SKU form: a newcomer defining a SKU often
 * finds the code it needs does not exist yet.
 */
import { useState } from 'react';
import type { Feature } from '../../../../src-main/domain/catalog/types';
import { api, ApiError, messageOf } from '../../../api/client';

interface InlineFeatureCreatorProps {
  vendorId: number;
  onCreated: (feature: Feature) => void;
}

export function InlineFeatureCreator({ vendorId, onCreated }: InlineFeatureCreatorProps) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  async function add() {
    if (!code.trim() || working) return;
    setWorking(true);
    try {
      const feature = await api('feature.create', { vendorId, code });
      setCode('');
      setError(null);
      onCreated(feature);
    } catch (e) {
      setError(e instanceof ApiError ? (e.fields.code ?? e.message) : messageOf(e));
    } finally {
      setWorking(false);
    }
  }

  return (
    <div className="inline-creator">
      <label className="inline-creator__label" htmlFor="new-feature-code">
        New feature code
      </label>
      <div className="inline-creator__row">
        <input
          id="new-feature-code"
          className="input input--code"
          value={code}
          placeholder="e.g. export-pdf"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          onChange={(e) => {
            setCode(e.target.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            // Enter here adds the code; it must not save the whole SKU.
            if (e.key === 'Enter') {
              e.preventDefault();
              void add();
            }
          }}
        />
        <button type="button" className="button button--small" onClick={add} disabled={working || !code.trim()}>
          {working ? 'Adding…' : 'Add and select'}
        </button>
      </div>
      {error && <p className="field__error">{error}</p>}
    </div>
  );
}
