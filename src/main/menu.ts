/**
 * The application menu in the user's language (Bangla first). Rebuilt when the language
 * setting changes. Only standard roles: the app's own actions live in its screens.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { Language } from '../shared/api.js';

const LABELS = {
  bn: { file: 'ফাইল', quit: 'বন্ধ করুন', edit: 'সম্পাদনা', undo: 'পূর্বাবস্থা', redo: 'পুনরায় করুন', cut: 'কাটুন',
    copy: 'কপি', paste: 'পেস্ট', selectAll: 'সব বাছাই', view: 'দেখুন', reload: 'আবার লোড', zoomIn: 'বড় করুন',
    zoomOut: 'ছোট করুন', resetZoom: 'স্বাভাবিক আকার', fullscreen: 'পূর্ণ পর্দা', devtools: 'ডেভেলপার টুলস',
    window: 'উইন্ডো', minimize: 'ছোট করে রাখুন', close: 'উইন্ডো বন্ধ', help: 'সাহায্য', about: 'DAGGER টিউটর সম্পর্কে' },
  en: { file: 'File', quit: 'Quit', edit: 'Edit', undo: 'Undo', redo: 'Redo', cut: 'Cut', copy: 'Copy', paste: 'Paste',
    selectAll: 'Select All', view: 'View', reload: 'Reload', zoomIn: 'Zoom In', zoomOut: 'Zoom Out', resetZoom: 'Actual Size',
    fullscreen: 'Full Screen', devtools: 'Developer Tools', window: 'Window', minimize: 'Minimize', close: 'Close Window',
    help: 'Help', about: 'About DAGGER Tutor' },
} as const;

export function menuTemplate(language: Language, options: { isDev: boolean; isMac: boolean }): MenuItemConstructorOptions[] {
  const t = LABELS[language];
  const view: MenuItemConstructorOptions[] = [
    { role: 'zoomIn', label: t.zoomIn },
    { role: 'zoomOut', label: t.zoomOut },
    { role: 'resetZoom', label: t.resetZoom },
    { type: 'separator' },
    { role: 'togglefullscreen', label: t.fullscreen },
  ];
  if (options.isDev) view.unshift({ role: 'reload', label: t.reload }, { role: 'toggleDevTools', label: t.devtools }, { type: 'separator' });
  return [
    ...(options.isMac ? [{ role: 'appMenu' as const }] : []),
    { label: t.file, submenu: [{ role: options.isMac ? 'close' : 'quit', label: options.isMac ? t.close : t.quit }] },
    {
      label: t.edit,
      submenu: [
        { role: 'undo', label: t.undo }, { role: 'redo', label: t.redo }, { type: 'separator' },
        { role: 'cut', label: t.cut }, { role: 'copy', label: t.copy }, { role: 'paste', label: t.paste },
        { role: 'selectAll', label: t.selectAll },
      ],
    },
    { label: t.view, submenu: view },
    { label: t.window, submenu: [{ role: 'minimize', label: t.minimize }, { role: 'close', label: t.close }] },
    { label: t.help, submenu: [{ role: 'about', label: t.about }] },
  ];
}

export function applyMenu(language: Language, options: { isDev: boolean; isMac: boolean }): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(language, options)));
}
