import { useRef, useState } from 'react';
import { Anchor, Badge, Button, FileButton, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconUpload } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { CASE_DOCUMENT_KINDS, CASE_DOCUMENT_MAX_BYTES, CASE_DOCUMENT_TYPES, type CaseDocumentKind } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../app/forms';
import { formatDate } from '../../app/ui/format';
import { notifyError, notifySuccess } from '../../app/ui/notify';
import { EmptyState, ErrorState, LoadingState } from '../../app/ui/states';
import type { CaseTabProps } from '../cases/case-tab';
import { caseKeys } from '../cases/cases-api';
import { usePermissions } from '../session/session-api';
import { type CaseDocument, caseDocumentKeys, caseDocumentsApi, caseDocumentsOptions, caseDocumentUrl } from './documents-api';

/** Checked here for a quick answer; the API checks the type (by the file's bytes) and size again. */
export function fileProblem(file: File): 'wrongType' | 'tooLarge' | null {
  if (!(CASE_DOCUMENT_TYPES as readonly string[]).includes(file.type)) {
    return 'wrongType';
  }
  return file.size > CASE_DOCUMENT_MAX_BYTES ? 'tooLarge' : null;
}

function UploadControls({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const resetRef = useRef<() => void>(null);
  const [kind, setKind] = useState<CaseDocumentKind>('receipt');
  const upload = useMutation({
    mutationFn: (file: File) => caseDocumentsApi.upload(caseId, kind, file),
    onSuccess: async () => {
      notifySuccess(t('caseDocuments.uploaded'));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: caseDocumentKeys.ofCase(caseId) }),
        queryClient.invalidateQueries({ queryKey: caseKeys.timeline(caseId) }),
      ]);
    },
    onError: (error) => notifyError(describeError(error, t)),
    onSettled: () => resetRef.current?.(),
  });

  function choose(file: File | null): void {
    if (!file) {
      return;
    }
    const problem = fileProblem(file);
    if (problem) {
      notifyError(t(`caseDocuments.${problem}`));
      resetRef.current?.();
      return;
    }
    upload.mutate(file);
  }

  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <NativeSelect
            label={t('caseDocuments.kind')}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as CaseDocumentKind)}
            data={CASE_DOCUMENT_KINDS.map((value) => ({ value, label: t(`caseDocuments.kinds.${value}`) }))}
            miw={200}
          />
          <FileButton resetRef={resetRef} onChange={choose} accept={CASE_DOCUMENT_TYPES.join(',')}>
            {(props) => (
              <Button {...props} loading={upload.isPending} leftSection={<IconUpload size={16} aria-hidden="true" />}>
                {t('caseDocuments.upload')}
              </Button>
            )}
          </FileButton>
        </Group>
        <Text size="sm" c="dimmed">
          {t('caseDocuments.uploadHelp')}
        </Text>
      </Stack>
    </Paper>
  );
}

function DocumentItem({ caseId, document }: { caseId: string; document: CaseDocument }) {
  const { t } = useTranslation();
  return (
    <Paper component="li" withBorder p="sm">
      <Group justify="space-between" gap="xs" align="flex-start">
        <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
          <Text fw={600} dir="auto" style={{ overflowWrap: 'anywhere' }}>
            {document.filename}
          </Text>
          <Group gap="xs">
            <Badge variant="light" color="blue.9">
              {t(`caseDocuments.kinds.${document.kind}`)}
            </Badge>
            <Text size="sm" c="dimmed">
              {t('caseDocuments.size', { size: Math.max(1, Math.round(document.sizeBytes / 1024)) })}
            </Text>
          </Group>
          <Text size="sm" c="dimmed">
            {t('caseDocuments.uploadedBy', { name: document.uploadedBy.name, date: formatDate(document.uploadedAt) })}
          </Text>
        </Stack>
        <Anchor href={caseDocumentUrl(caseId, document.id)} download aria-label={t('caseDocuments.downloadFor', { name: document.filename })}>
          <IconDownload size={14} aria-hidden="true" /> {t('caseDocuments.download')}
        </Anchor>
      </Group>
    </Paper>
  );
}

/** Files kept in the case (receipts, identity, medical…): upload with a kind, list, download (audited). */
export function DocumentsTab({ caseId, readOnly }: CaseTabProps) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const documents = useInfiniteQuery(caseDocumentsOptions(caseId));

  return (
    <Stack>
      <Title order={2} size="h3">
        {t('caseDocuments.title')}
      </Title>
      {can('case.manage') && !readOnly ? <UploadControls caseId={caseId} /> : null}
      {documents.isPending ? (
        <LoadingState />
      ) : documents.isError ? (
        <ErrorState error={documents.error} onRetry={() => void documents.refetch()} />
      ) : (
        <>
          {documents.data.pages[0]?.items.length ? (
            <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
              {documents.data.pages
                .flatMap((page) => page.items)
                .map((document) => (
                  <DocumentItem key={document.id} caseId={caseId} document={document} />
                ))}
            </Stack>
          ) : (
            <EmptyState>{t('caseDocuments.empty')}</EmptyState>
          )}
          {documents.hasNextPage ? (
            <Group justify="center">
              <Button variant="default" loading={documents.isFetchingNextPage} onClick={() => void documents.fetchNextPage()}>
                {t('common.loadMore')}
              </Button>
            </Group>
          ) : null}
        </>
      )}
    </Stack>
  );
}
