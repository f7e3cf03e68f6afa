/**
 * First run (and "switch profile"): choose or create a profile, then optionally get a model.
 * Practice from the bank works without a model, so the model step can be skipped.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../shared/api.js';
import { useApp } from '../app/context.js';
import { ModelPanel } from '../components/ModelPanel.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { UserText } from '../components/UserText.js';

export function Welcome() {
  const { t } = useTranslation();
  const { api, profiles, profile, selectProfile, refreshProfiles, navigate, modelStatus } = useApp();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Profile['role']>('student');
  const [nameMissing, setNameMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const create = async () => {
    if (!name.trim()) {
      setNameMissing(true);
      return;
    }
    setBusy(true);
    setNameMissing(false);
    setError(null);
    try {
      const created = await api.createProfile({ name: name.trim(), role });
      await refreshProfiles();
      await selectProfile(created);
      setName('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="welcome">
      <h1>{t('firstRun.welcome')}</h1>
      <p>{t('firstRun.intro')}</p>

      <section className="card" aria-labelledby="profile-title">
        <h2 id="profile-title">{t('firstRun.profileTitle')}</h2>
        {profiles.length === 0 ? (
          <p className="muted">{t('firstRun.noProfiles')}</p>
        ) : (
          <fieldset>
            <legend>{t('firstRun.chooseProfile')}</legend>
            <div className="row">
              {profiles.map((p) => (
                <button
                  key={p.id}
                  type="button"
                  aria-pressed={profile?.id === p.id}
                  className={profile?.id === p.id ? 'primary' : undefined}
                  onClick={() => void selectProfile(p)}
                >
                  <UserText text={p.name} /> ({t(p.role === 'teacher' ? 'firstRun.roleTeacher' : 'firstRun.roleStudent')})
                </button>
              ))}
            </div>
          </fieldset>
        )}
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <fieldset>
            <legend>{t('firstRun.createProfile')}</legend>
            <div className="row">
              <label>
                {t('firstRun.name')}
                <input type="text" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} autoComplete="off" />
              </label>
              <label>
                {t('firstRun.role')}
                <select value={role} onChange={(e) => setRole(e.target.value === 'teacher' ? 'teacher' : 'student')}>
                  <option value="student">{t('firstRun.roleStudent')}</option>
                  <option value="teacher">{t('firstRun.roleTeacher')}</option>
                </select>
              </label>
              <button type="submit" className="primary" disabled={busy}>{t('firstRun.create')}</button>
            </div>
          </fieldset>
        </form>
        {nameMissing && <p className="notice bad" role="alert">{t('firstRun.nameRequired')}</p>}
        {error !== null && <ErrorNotice error={error} />}
      </section>

      <section className="card" aria-labelledby="model-title">
        <h2 id="model-title">{t('firstRun.modelTitle')}</h2>
        <p>{t('firstRun.modelIntro')}</p>
        {modelStatus?.selected && <p className="notice good">{t('firstRun.hasModel', { name: modelStatus.selected.split(/[\\/]/).pop() })}</p>}
        <ModelPanel />
      </section>

      <p className="row">
        <button type="button" className="primary" disabled={!profile} onClick={() => navigate({ name: 'practice' })}>
          {modelStatus?.selected ? t('firstRun.continue') : t('firstRun.skip')}
        </button>
      </p>
    </div>
  );
}
