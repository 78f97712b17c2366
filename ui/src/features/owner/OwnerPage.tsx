import { lazy, Suspense, useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { t } from '../../i18n';
import { ApiError, get, query, request } from '../../shared/api/client';
import type { CurrentDecision, CurrentRoutingProfile, RevisionSummary } from '../../shared/api/types';
import { errorText } from '../../shared/errors';
import { formatDateTime } from '../../shared/time';
import { newProfile, parseDefinition } from './profileTemplate';

const DmnEditor = lazy(() => import('./DmnEditor'));

const ownerKeys = {
  profiles: ['owner', 'profiles'] as const,
  decision: ['owner', 'decision'] as const,
  versions: ['owner', 'decision', 'versions'] as const,
};

function problemLines(error: unknown): string[] {
  if (error instanceof ApiError && error.problem.errors?.length) {
    return error.problem.errors.map((e) => t('owner.fieldError', { field: e.field, message: e.message }));
  }
  const text = errorText(error);
  return text ? [text] : [];
}

/** Routing profiles (versioned JSON, saved with If-Match) and the classification table (DMN XML), through the rules API. */
export function OwnerPage() {
  const client = useQueryClient();
  const profiles = useQuery({ queryKey: ownerKeys.profiles, queryFn: () => get<CurrentRoutingProfile[]>('/api/v1/routing-profiles') });
  const decision = useQuery({ queryKey: ownerKeys.decision, queryFn: () => get<CurrentDecision>('/api/v1/decisions/classification') });
  const versions = useQuery({ queryKey: ownerKeys.versions, queryFn: () => get<RevisionSummary[]>('/api/v1/decisions/classification/versions') });
  const [selected, setSelected] = useState<{ name: string; version: number | null } | null>(null);
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const [newName, setNewName] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [xml, setXml] = useState('');
  const [xmlNote, setXmlNote] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const [mode, setMode] = useState<'table' | 'xml'>('table');
  const tableXml = useRef<(() => Promise<string>) | null>(null);

  useEffect(() => {
    if (decision.data && !xml) setXml(decision.data.definition);
  }, [decision.data, xml]);

  const open = (profile: CurrentRoutingProfile) => {
    setSelected({ name: profile.name, version: profile.version });
    setText(JSON.stringify(profile.definition, null, 2));
    setMessage(null);
    save.reset();
  };

  const save = useMutation({
    mutationFn: ({ name, version, body }: { name: string; version: number | null; body: unknown }) =>
      request<CurrentRoutingProfile>('PUT', `/api/v1/routing-profiles/${encodeURIComponent(name)}${query({ note })}`, body, {
        headers: version === null ? {} : { 'If-Match': `"${version}"` },
      }),
    onSuccess: (saved) => {
      setSelected({ name: saved.name, version: saved.version });
      setMessage(t('owner.saved', { name: saved.name, version: saved.version }));
      setNote('');
      void client.invalidateQueries({ queryKey: ownerKeys.profiles });
    },
  });
  const deploy = useMutation({
    mutationFn: async () => {
      const body = mode === 'table' && tableXml.current ? await tableXml.current() : xml;
      const revision = await request<RevisionSummary>('POST', `/api/v1/decisions/classification/versions${query({ note: xmlNote })}`, undefined, {
        rawBody: body,
        contentType: 'application/xml',
      });
      return { revision, body };
    },
    onSuccess: ({ revision, body }) => {
      setMessage(t('owner.deployed', { version: revision.version }));
      setXmlNote('');
      setXml(body);
      void client.invalidateQueries({ queryKey: ['owner', 'decision'] });
    },
  });
  const switchMode = async (next: 'table' | 'xml') => {
    if (next === mode) return;
    if (mode === 'table' && tableXml.current) setXml(await tableXml.current());
    setMode(next);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!selected) return;
    const parsed = parseDefinition(text);
    if (!parsed.ok) {
      setLocalError(t('owner.invalidJson', { detail: parsed.error }));
      return;
    }
    setLocalError(null);
    save.mutate({ name: selected.name, version: selected.version, body: parsed.value });
  };

  return (
    <div className="owner">
      <h1>{t('owner.heading')}</h1>
      {message && <p role="status">{message}</p>}
      <div className="inbox-body">
        <section className="work" aria-labelledby="profiles-heading">
          <h2 id="profiles-heading">{t('owner.profiles')}</h2>
          <ul className="work-list">
            {profiles.data?.map((p) => (
              <li key={p.name}>
                <button type="button" className={selected?.name === p.name ? 'selected' : ''} onClick={() => open(p)}>
                  <span className="title">{p.name}</span>
                  <span className="meta">{t('owner.version', { version: p.version, by: p.updatedBy ?? '' })}</span>
                </button>
              </li>
            ))}
          </ul>
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              if (!newName.trim()) return;
              setSelected({ name: newName.trim(), version: null });
              setText(JSON.stringify(newProfile(newName.trim()), null, 2));
              setNewName('');
            }}
          >
            <label>
              {t('owner.newProfile')}
              <input value={newName} onChange={(e) => setNewName(e.target.value)} maxLength={100} pattern="[A-Za-z0-9][A-Za-z0-9._:-]*" />
            </label>
            <button type="submit">{t('owner.create')}</button>
          </form>
        </section>
        <section className="detail" aria-label={t('owner.profiles')}>
          {!selected ? (
            <p>{t('owner.pick')}</p>
          ) : (
            <form onSubmit={submit} className="editor">
              <label className="block">
                {t('owner.definition', { name: selected.name })}
                <textarea value={text} onChange={(e) => setText(e.target.value)} rows={22} spellCheck={false} className="code" />
              </label>
              <label className="block">
                {t('owner.note')}
                <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
              </label>
              {[...(localError ? [localError] : []), ...problemLines(save.error)].map((line) => (
                <p key={line} role="alert" className="error">
                  {line}
                </p>
              ))}
              <button type="submit" className="primary" disabled={save.isPending}>
                {t('owner.save')}
              </button>
            </form>
          )}
        </section>
      </div>
      <section className="detail decision" aria-labelledby="decision-heading">
        <h2 id="decision-heading">{t('owner.decision')}</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            deploy.mutate();
          }}
        >
          <fieldset className="segmented">
            <legend>{t('owner.editorMode')}</legend>
            <label>
              <input type="radio" name="dmn-mode" checked={mode === 'table'} onChange={() => void switchMode('table')} />
              {t('owner.tableEditor')}
            </label>
            <label>
              <input type="radio" name="dmn-mode" checked={mode === 'xml'} onChange={() => void switchMode('xml')} />
              {t('owner.xmlEditor')}
            </label>
          </fieldset>
          {mode === 'table' && xml ? (
            <Suspense fallback={<p>{t('owner.loadingEditor')}</p>}>
              <DmnEditor xml={xml} current={tableXml} />
            </Suspense>
          ) : (
            <label className="block">
              {t('owner.decisionXml')}
              <textarea value={xml} onChange={(e) => setXml(e.target.value)} rows={14} spellCheck={false} className="code" />
            </label>
          )}
          <label className="block">
            {t('owner.note')}
            <input value={xmlNote} onChange={(e) => setXmlNote(e.target.value)} maxLength={500} />
          </label>
          {problemLines(deploy.error).map((line) => (
            <p key={line} role="alert" className="error">
              {line}
            </p>
          ))}
          <button type="submit" className="primary" disabled={deploy.isPending}>
            {t('owner.deploy')}
          </button>
        </form>
        <h3>{t('owner.versions')}</h3>
        <ul className="plain">
          {versions.data
            ?.slice()
            .reverse()
            .slice(0, 10)
            .map((v) => (
              <li key={v.version}>
                v{v.version} · {formatDateTime(v.changedAt)} · {v.changedBy} {v.note ? `· ${v.note}` : ''}
              </li>
            ))}
        </ul>
      </section>
    </div>
  );
}
