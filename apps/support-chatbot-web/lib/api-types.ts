/** A page of a list answer (libs/product-server's pagination shape). */
export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
  totalPages: number;
}
