import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useDocumentTitle } from '../hooks/useDocumentTitle';

interface PageHeaderProps {
  title: string;
  /** Shown beside the title: a badge, a status. */
  titleAside?: ReactNode;
  subtitle?: ReactNode;
  /** Where "up" is: the list a detail page belongs to. */
  back?: { to: string; label: string };
  actions?: ReactNode;
}

/** The top of every screen: where you are, what it is, what you can do. Also sets the window title. */
export function PageHeader({ title, titleAside, subtitle, back, actions }: PageHeaderProps) {
  useDocumentTitle(title);
  return (
    <header className="page-header">
      <div className="page-header__text">
        {back && (
          <Link className="page-header__back" to={back.to}>
            ← {back.label}
          </Link>
        )}
        <div className="page-header__title-row">
          <h1 className="page-header__title">{title}</h1>
          {titleAside}
        </div>
        {subtitle && <p className="page-header__subtitle">{subtitle}</p>}
      </div>
      {actions && <div className="page-header__actions">{actions}</div>}
    </header>
  );
}
