'use client';
import { useState } from 'react';
import type { VocabularyView } from '@matrix/image-tagger-contract';
import { apiFetch, Card, ErrorBanner, RequireRole } from '@matrix/product-ui';

/** Custom tag lists for zero-shot tagging: create one (name + comma-separated labels), see the others. */
export function VocabularyCard({ vocabularies, onChange }: { vocabularies: VocabularyView[]; onChange: () => void }) {
  const [name, setName] = useState('');
  const [labels, setLabels] = useState('');
  const [error, setError] = useState<unknown>(null);

  const create = async () => {
    setError(null);
    try {
      await apiFetch('/api/vocabularies', {
        method: 'POST',
        json: {
          name,
          labels: labels
            .split(',')
            .map((l) => l.trim())
            .filter(Boolean),
        },
      });
      setName('');
      setLabels('');
      onChange();
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <Card title="Your vocabularies (zero-shot)">
      <ErrorBanner error={error} onDismiss={() => setError(null)} />
      {/* Creating a vocabulary is an admin's (the API refuses others: 403). */}
      <RequireRole role="admin">
        <form
          className="mx-row it-manual"
          onSubmit={(event) => {
            event.preventDefault();
            void create();
          }}
        >
          <label className="mx-field">
            <span className="mx-label">Name</span>
            <input className="mx-input" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} placeholder="e.g. catalogue" />
          </label>
          <label className="mx-field">
            <span className="mx-label">Labels (comma-separated)</span>
            <input className="mx-input" value={labels} onChange={(e) => setLabels(e.target.value)} placeholder="red dress, blue jeans, leather boots" />
          </label>
          <button type="submit" className="mx-button mx-button--secondary" disabled={!name.trim() || !labels.trim()}>
            Create
          </button>
        </form>
      </RequireRole>
      <ul aria-label="Vocabularies">
        {vocabularies.map((v) => (
          <li key={v.id}>
            <strong>{v.name}</strong>: {v.labels.join(', ')}
          </li>
        ))}
      </ul>
    </Card>
  );
}
