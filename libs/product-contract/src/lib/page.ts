/** Which page of a list to answer (query `page`, `pageSize`). */
export interface PageRequest {
  /** 1-based. */
  page: number;
  pageSize: number;
}

/** One page of a list answer: every paginated route of every product API answers this envelope. */
export interface Page<T> extends PageRequest {
  items: T[];
  /** Items matching the filters, over all pages. */
  total: number;
  /** ceil(total / pageSize); 0 when nothing matches. */
  totalPages: number;
}
