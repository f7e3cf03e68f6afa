/**
 * Puts the IPC handler behind Electron's ipcMain: one invoke channel for every method
 * (`dagger:call`), events back on `dagger:event` to the window that asked. Messages on any
 * other channel are never listened to, so they are ignored.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNELS } from '../../shared/api.js';
import type { Dispatcher } from '../api/dispatch.js';
import { createIpcHandler } from './handler.js';
import type { AppOrigin } from './trust.js';

export function registerIpc(dispatcher: Dispatcher, app: AppOrigin, getWindow: () => BrowserWindow | null): () => void {
  const handler = createIpcHandler(dispatcher, app);
  const watched = new Set<number>();

  ipcMain.handle(IPC_CHANNELS.call, (event: IpcMainInvokeEvent, method: unknown, request: unknown) => {
    const window = getWindow();
    const contents = event.sender;
    if (!watched.has(contents.id)) {
      watched.add(contents.id);
      const id = contents.id;
      contents.once('destroyed', () => {
        watched.delete(id);
        void handler.windowClosed(id);
      });
    }
    return handler.handle({
      sender: {
        frameUrl: event.senderFrame?.url ?? null,
        isMainFrame: event.senderFrame !== null && event.senderFrame === contents.mainFrame,
        isAppWindow: window !== null && !window.isDestroyed() && window.webContents.id === contents.id,
      },
      windowId: contents.id,
      method,
      request,
      emit: (payload) => {
        if (!contents.isDestroyed()) contents.send(IPC_CHANNELS.event, payload);
      },
    });
  });
  return () => ipcMain.removeHandler(IPC_CHANNELS.call);
}
