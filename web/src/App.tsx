import { TenantsPage } from './tenants/TenantsPage.tsx';

export function App() {
  return (
    <>
      <header className="console-header">
        <p className="console-title">Codex Metatron</p>
      </header>
      <main className="console-main">
        <TenantsPage />
      </main>
    </>
  );
}
