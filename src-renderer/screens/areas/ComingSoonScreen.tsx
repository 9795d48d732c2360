import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import type { Area } from '../../shell/areas';

/** The screen of an area not built yet: what it will do, and what to do meanwhile. */
export function ComingSoonScreen({ area }: { area: Area }) {
  const coming = area.coming;
  if (!coming) return null;
  return (
    <>
      <PageHeader title={area.label} subtitle={coming.summary} />
      <div className="card coming-soon">
        <p className="coming-soon__tag">Coming soon</p>
        <h2 className="coming-soon__title">This area is not built yet.</h2>
        <p>When it arrives, you will be able to:</p>
        <ul className="coming-soon__features">
          {coming.features.map((feature) => (
            <li key={feature}>{feature}</li>
          ))}
        </ul>
        <div className="coming-soon__now">
          <p>
            <strong>What to do now:</strong> {coming.meanwhile.text}
          </p>
          <Link className="button button--primary" to={coming.meanwhile.to}>
            {coming.meanwhile.label}
          </Link>
        </div>
      </div>
    </>
  );
}
