// The sandboxed preload: one typed `api` object on window, each method one IPC call. No Node, no
// Electron objects cross into the page.
import { contextBridge, ipcRenderer } from 'electron';
import type { TKioskBridge } from './bridge';

const api: TKioskBridge = {
  deviceInfo: () => ipcRenderer.invoke('kiosk:device-info'),
  register: (code) => ipcRenderer.invoke('kiosk:register', code),
  print: (job) => ipcRenderer.invoke('kiosk:print', job),
  printerStatus: () => ipcRenderer.invoke('kiosk:printer-status'),
  reportScreen: (screen, lastError) => ipcRenderer.send('kiosk:report-screen', screen, lastError),
};

contextBridge.exposeInMainWorld('api', api);
