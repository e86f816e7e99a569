import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

/**
 * One config factory for both mini-programs. The app is picked by TARO_APP_NAME, which Taro
 * reads from `.env.<mode>` (`taro build --type weapp --mode staff`).
 */
const APPS = ['resident', 'staff'] as const;
type AppName = (typeof APPS)[number];

function appName(): AppName {
  const app = process.env.TARO_APP_NAME;
  if (!app || !(APPS as readonly string[]).includes(app)) {
    throw new Error(
      `[linli] TARO_APP_NAME must be one of ${APPS.join('|')} (got ${JSON.stringify(app)}). ` +
        'Build with `--mode resident` or `--mode staff` so Taro loads .env.<mode>.',
    );
  }
  return app as AppName;
}

export default defineConfig<'webpack5'>(async (merge) => {
  const APP = appName();
  const TARO_ENV = process.env.TARO_ENV;
  const commonDir = path.resolve(__dirname, '../src/common');
  const sharedDir = path.resolve(__dirname, '../../shared');
  const sharedSrc = path.resolve(sharedDir, 'src');
  const include = [commonDir, sharedDir];

  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: `linli-${APP}`,
    date: '2025-1-1',
    // NutUI React Taro is designed at 375; our own styles at 750.
    designWidth(input?: unknown) {
      const file = (input as { file?: string } | undefined)?.file;
      if (file && file.replace(/\\+/g, '/').includes('@nutui')) return 375;
      return 750;
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: `src/${APP}`,
    // LINLI_DIST_DIR: build elsewhere (e.g. a second checkout's e2e run) without clobbering dist/
    outputRoot: `${process.env.LINLI_DIST_DIR || 'dist'}/${TARO_ENV}/${APP}`,
    alias: {
      '@common': commonDir,
      '@linli/shared': sharedSrc,
    },
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include },
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      compile: { include },
      publicPath: `/${APP}/`,
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      webpackChain(chain) {
        // Taro splits only initial chunks on H5, so every page chunk carried its own copy of NutUI,
        // the component wrappers and src/common: share them between the (async) page chunks too.
        chain.optimization.splitChunks({ ...chain.optimization.get('splitChunks'), chunks: 'all' });
      },
      postcss: {
        // root font size ≤ 24 px: on a wide window the 750-wide design is a 450 px phone column (theme.css), not 2× text
        pxtransform: { enable: true, config: { maxRootSize: 24 } },
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
