interface PaginationProps {
  /** From the page the API returned, so the range matches the rows on screen. */
  offset: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  /** "vendors", for "1–25 of 80 vendors". */
  noun: string;
  /** The API stopped counting at `total` (a large store): there may be more pages. */
  totalIsLowerBound?: boolean;
}

export function Pagination({ offset, pageSize, total, onPage, noun, totalIsLowerBound = false }: PaginationProps) {
  const page = Math.floor(offset / pageSize) + 1;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const more = totalIsLowerBound ? '+' : '';
  // Past a capped count, the next page exists as long as this one is full.
  const hasNext = page < pages || (totalIsLowerBound && last === page * pageSize);
  return (
    <nav className="pagination" aria-label="Pages">
      <span className="pagination__range">
        {first}–{last} of {total.toLocaleString()}
        {more} {noun}
      </span>
      {(pages > 1 || hasNext) && (
        <span className="pagination__buttons">
          <button type="button" className="button button--small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
            ← Previous
          </button>
          <span className="pagination__page">
            Page {page} of {Math.max(page, pages).toLocaleString()}
            {more}
          </span>
          <button type="button" className="button button--small" disabled={!hasNext} onClick={() => onPage(page + 1)}>
            Next →
          </button>
        </span>
      )}
    </nav>
  );
}
