interface PaginationProps {
  /** From the page the API returned, so the range matches the rows on screen. */
  offset: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  /** "vendors", for "1–25 of 80 vendors". */
  noun: string;
}

export function Pagination({ offset, pageSize, total, onPage, noun }: PaginationProps) {
  const page = Math.floor(offset / pageSize) + 1;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav className="pagination" aria-label="Pages">
      <span className="pagination__range">
        {first}–{last} of {total.toLocaleString()} {noun}
      </span>
      {pages > 1 && (
        <span className="pagination__buttons">
          <button type="button" className="button button--small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
            ← Previous
          </button>
          <span className="pagination__page">
            Page {page} of {pages}
          </span>
          <button
            type="button"
            className="button button--small"
            disabled={page >= pages}
            onClick={() => onPage(page + 1)}
          >
            Next →
          </button>
        </span>
      )}
    </nav>
  );
}
