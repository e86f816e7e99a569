import Taro from '@tarojs/taro';
import { IS_H5 } from './env';

export interface PickedFile {
  name: string;
  /** H5: the File; weapp: the temp path from chooseMessageFile */
  file?: File;
  path?: string;
}

/** A .csv / .xlsx from the phone (weapp: a file from a chat) or the computer (H5). Null when cancelled. */
export function pickTableFile(): Promise<PickedFile | null> {
  if (!IS_H5) {
    return Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'xlsx'] })
      .then((r) => ({ name: r.tempFiles[0].name, path: r.tempFiles[0].path }))
      .catch(() => null);
  }
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    input.className = 'e2e-file-input';
    input.style.display = 'none';
    input.onchange = () => {
      const f = input.files?.[0];
      input.remove();
      resolve(f ? { name: f.name, file: f } : null);
    };
    document.body.appendChild(input);
    input.click();
  });
}
