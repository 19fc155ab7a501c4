import { NetworkStatus } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useSignedInUser } from '../auth/session-context.ts';
import type { MediaFileRowFragment } from '../generated/operations.ts';
import { Button } from '../ui/Button.tsx';
import { appendPage, appendToConnection, dropFromConnection } from '../ui/connection-cache.ts';
import { ErrorBanner } from '../ui/ErrorBanner.tsx';
import { formatDateTime } from '../ui/format.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { EmptyState, LoadingState } from '../ui/States.tsx';
import { useToast } from '../ui/Toast.tsx';
import { useConfirmedDelete } from '../ui/use-confirmed-delete.tsx';
import {
  deleteMediaMutation,
  mediaFileContentQuery,
  mediaFilesQuery,
  uploadMediaMutation,
} from './media-operations.ts';
import { bytesToBase64, formatBytes, isImage, mediaMimeTypes, uploadProblem } from './media-upload.ts';

function Uploader() {
  const toast = useToast();
  const inputId = useId();
  const [upload, { loading }] = useMutation(uploadMediaMutation);
  const [problem, setProblem] = useState<string | null>(null);
  const send = async (file: File) => {
    const refused = uploadProblem(file);
    setProblem(refused);
    if (refused) return;
    const contentBase64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
    await upload({
      variables: { input: { name: file.name, mimeType: file.type, contentBase64 } },
      update: (cache, { data }) => {
        if (data) appendToConnection(cache, 'mediaFiles', data.uploadMedia, 'MediaFileEdge', 'start');
      },
    }).then(
      () => toast(`${file.name} uploaded`),
      (error: Error) => setProblem(error.message),
    );
  };
  return (
    <div className="mb-6 rounded-lg border border-dashed border-slate-300 bg-white p-4">
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
        Upload a file
      </label>
      <input
        id={inputId}
        type="file"
        accept={mediaMimeTypes.join(',')}
        disabled={loading}
        aria-describedby={`${inputId}-hint`}
        className="mt-1 block text-sm"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) void send(file);
          event.target.value = '';
        }}
      />
      <p id={`${inputId}-hint`} className="mt-1 text-xs text-slate-600">
        Images, PDF, text, Markdown, CSV or JSON, up to 512 KB.{loading ? ' Uploading…' : ''}
      </p>
      {problem && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {problem}
        </p>
      )}
    </div>
  );
}

function Preview({ file, onClose }: { file: MediaFileRowFragment; onClose: () => void }) {
  // The bytes are asked for only when a preview opens: the API serves them one file at a time.
  const { data, loading, error } = useQuery(mediaFileContentQuery, { variables: { id: file.id } });
  const content = data?.mediaFile?.contentBase64;
  return (
    <section
      aria-label={`Preview of ${file.name}`}
      className="mb-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <div className="mb-2 flex items-center justify-between">
        <h2 className="font-semibold">{file.name}</h2>
        <Button variant="secondary" onClick={onClose}>
          Close preview
        </Button>
      </div>
      {error && <ErrorBanner error={error} />}
      {loading && <LoadingState label="Loading preview…" />}
      {content && isImage(file.mimeType) && (
        <img
          src={`data:${file.mimeType};base64,${content}`}
          alt={file.altText ?? file.name}
          // Tiny images (icons, a 1×1 pixel) are drawn at least 4 rem, sharp, instead of as a dot.
          className="max-h-96 min-h-16 min-w-16 rounded border object-contain [image-rendering:pixelated]"
        />
      )}
      {content && !isImage(file.mimeType) && file.mimeType.startsWith('text/') && (
        <pre className="max-h-96 overflow-auto rounded bg-slate-50 p-3 text-xs">{atob(content).slice(0, 20_000)}</pre>
      )}
      {content && !isImage(file.mimeType) && !file.mimeType.startsWith('text/') && (
        <a href={`data:${file.mimeType};base64,${content}`} download={file.name} className="text-indigo-700 underline">
          Download {file.name}
        </a>
      )}
      {data && !content && <p className="text-sm text-slate-600">The file's bytes are no longer stored.</p>}
    </section>
  );
}

function useMediaDeletion(onDeleted: (file: MediaFileRowFragment) => void) {
  const [deleteMedia] = useMutation(deleteMediaMutation);
  return useConfirmedDelete<MediaFileRowFragment>({
    noun: 'file',
    name: (file) => file.name,
    consequence: 'Content that shows it loses the file. This cannot be undone.',
    remove: (file) => {
      onDeleted(file);
      return deleteMedia({
        variables: { id: file.id },
        optimisticResponse: { __typename: 'Mutation', deleteMedia: file.id },
        update: (cache) => dropFromConnection(cache, 'mediaFiles', file),
      });
    },
  });
}

/** The media library: upload, browse, preview and delete the tenant's files (a CLIENT deletes its own). */
export function MediaPage() {
  const user = useSignedInUser();
  const { data, loading, error, fetchMore, networkStatus } = useQuery(mediaFilesQuery, {
    notifyOnNetworkStatusChange: true,
  });
  const [previewing, setPreviewing] = useState<MediaFileRowFragment | null>(null);
  const files = data?.mediaFiles;
  const deletion = useMediaDeletion((file) => setPreviewing((open) => (open?.id === file.id ? null : open)));
  const mayDelete = (file: MediaFileRowFragment) => user.role !== 'CLIENT' || file.uploadedBy?.id === user.id;
  return (
    <section>
      <PageHeader title="Media library" description="Images and documents your content uses." />
      <Uploader />
      {deletion.feedback}
      {previewing && <Preview key={previewing.id} file={previewing} onClose={() => setPreviewing(null)} />}
      {error && <ErrorBanner error={error} />}
      {!data && loading && <LoadingState label="Loading media…" />}
      {files && files.edges.length === 0 && <EmptyState title="No media yet">Upload a file above.</EmptyState>}
      {files && files.edges.length > 0 && (
        <ul aria-label="Media files" className="grid grid-cols-2 gap-3 md:grid-cols-4">
          {files.edges.map(({ node: file }) => (
            <li key={file.id} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
              <p className="truncate font-medium text-slate-900" title={file.name}>
                {file.name}
              </p>
              <p className="text-xs text-slate-600">
                {file.mimeType} · {formatBytes(file.size)}
                {file.width && file.height ? ` · ${file.width}×${file.height}` : ''}
              </p>
              <p className="text-xs text-slate-600">{formatDateTime(file.createdAt)}</p>
              <span className="mt-2 flex gap-2">
                <Button variant="secondary" aria-label={`Preview ${file.name}`} onClick={() => setPreviewing(file)}>
                  Preview
                </Button>
                {mayDelete(file) && (
                  <Button variant="dangerQuiet" aria-label={`Delete ${file.name}`} onClick={() => deletion.ask(file)}>
                    Delete
                  </Button>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {files?.pageInfo.hasNextPage && (
        <Button
          variant="secondary"
          className="mt-4"
          disabled={networkStatus === NetworkStatus.fetchMore}
          onClick={() =>
            void fetchMore({
              variables: { after: files.pageInfo.endCursor },
              updateQuery: (loaded, { fetchMoreResult }) => ({
                ...loaded,
                mediaFiles: appendPage(loaded.mediaFiles, fetchMoreResult.mediaFiles),
              }),
            })
          }
        >
          Load more
        </Button>
      )}
    </section>
  );
}
