/**
 * Hands an exported file to the user: Electron's native save dialog when the host has one,
 * otherwise a normal browser download of a Blob (nothing is sent anywhere).
 */
import type { DaggerApi, ExportedFile } from '../../shared/api.js';

export async function deliverFile(api: DaggerApi, canSave: boolean, file: ExportedFile): Promise<string | null> {
  if (canSave) {
    const saved = await api.saveFile({ fileName: file.fileName, content: file.content });
    return saved.path;
  }
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }));
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = file.fileName;
    a.rel = 'noopener';
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    // Give the browser a moment to start the download before the URL goes away.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return file.fileName;
}
