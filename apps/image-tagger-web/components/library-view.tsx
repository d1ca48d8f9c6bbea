'use client';
import { useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useState } from 'react';
import type { ImageView, Page, TagCount } from '@matrix/image-tagger-contract';
import { Card, DemoDataBanner, ErrorBanner, FilterBar, Pagination, useApiQuery, withQuery, type FilterValues } from '@matrix/product-ui';
import { ImageCard } from './image-card';

const PAGE_SIZE = 24;

/** Search the library by tag (parents count), with filters; results as a grid of thumbnails and tag chips. */
export function LibraryView() {
  const router = useRouter();
  const params = useSearchParams();
  const applied: FilterValues = {
    tag: params.get('tag') ?? '',
    collection: params.get('collection') ?? '',
    source: params.get('source') ?? '',
    q: params.get('q') ?? '',
  };
  const [values, setValues] = useState<FilterValues>(applied);
  const page = Number(params.get('page') ?? '1') || 1;
  const images = useApiQuery<Page<ImageView>>(
    withQuery('/api/images', {
      ...applied,
      tag: applied.tag
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean)
        .join(','),
      page,
      pageSize: PAGE_SIZE,
    }),
  );
  const common = useApiQuery<{ items: TagCount[] }>('/api/tags?limit=16');

  const { reload: reloadImages } = images;
  const { reload: reloadTags } = common;
  // The first-run demo photos were tagged while the page was open: show them.
  const demoLoaded = useCallback(() => {
    reloadImages();
    reloadTags();
  }, [reloadImages, reloadTags]);

  const go = (next: FilterValues, nextPage = 1) => router.push(withQuery('/', { ...next, page: nextPage > 1 ? nextPage : undefined }));
  return (
    <>
      <DemoDataBanner what="a few demo photos (COCO val2017, collection “demo”)" onLoaded={demoLoaded} />
      <FilterBar
        label="Search the library"
        fields={[
          { name: 'tag', label: 'Tags', kind: 'search', wide: true, placeholder: 'e.g. animal, dog (all must match)' },
          { name: 'collection', label: 'Collection', kind: 'text', placeholder: 'any' },
          {
            name: 'source',
            label: 'Tag source',
            kind: 'select',
            anyLabel: 'Any',
            options: [
              { value: 'classifier', label: 'Class' },
              { value: 'parent', label: 'Parent (WordNet)' },
              { value: 'detector', label: 'Object' },
              { value: 'zero-shot', label: 'Zero-shot' },
              { value: 'manual', label: 'Manual' },
            ],
          },
          { name: 'q', label: 'File name', kind: 'text', placeholder: 'contains' },
        ]}
        values={values}
        onChange={setValues}
        onSubmit={() => go(values)}
        onReset={() => {
          setValues({ tag: '', collection: '', source: '', q: '' });
          go({});
        }}
      />
      {common.data?.items.length ? (
        <div className="it-chips it-common" aria-label="Common tags">
          {common.data.items.map((t) => (
            <button key={t.name} type="button" className="it-chip it-chip--button" onClick={() => go({ ...applied, tag: t.name })}>
              {t.name} <span className="it-chip__score">{t.images}</span>
            </button>
          ))}
        </div>
      ) : null}
      <ErrorBanner error={images.error} />
      <Card title={images.data ? `${images.data.total} image${images.data.total === 1 ? '' : 's'}${applied.tag ? ` tagged ${applied.tag}` : ''}` : 'Images'}>
        {images.data && images.data.items.length === 0 ? <p className="mx-muted">No images match. Upload some, or loosen the search.</p> : null}
        <ul className="it-grid" aria-label="Images" aria-busy={images.loading}>
          {images.data?.items.map((image) => (
            <ImageCard key={image.id} image={image} />
          ))}
        </ul>
        {images.data ? <Pagination page={page} pageSize={PAGE_SIZE} total={images.data.total} onPageChange={(p) => go(applied, p)} /> : null}
      </Card>
    </>
  );
}
