/**
 * Hands an exported file to the user as a normal browser download of a Blob (nothing is sent
 * anywhere). In Electron exports go through `saveFile` instead: the main process asks where to
 * save and writes the file itself, so a whole class's history never crosses IPC.
 */
import type { ExportedFile } from '../../shared/api.js';

export function downloadFile(file: ExportedFile): string {
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
