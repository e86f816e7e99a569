import { createElement, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Canvas as TaroCanvas, View } from '@tarojs/components';
import { Canvas } from '@antv/f2';
import { IS_H5 } from '@common/env';

/** An F2 element tree (built with F2's `jsx`) for a canvas of this CSS size. */
export type ChartRender = (size: { width: number; height: number }) => unknown;

interface Surface {
  context: CanvasRenderingContext2D;
  width: number;
  height: number;
  pixelRatio: number;
  /** weapp only: the canvas node's image / animation-frame hooks */
  node?: WechatCanvasNode;
}

interface WechatCanvasNode {
  width: number;
  height: number;
  getContext(kind: '2d'): CanvasRenderingContext2D;
  createImage(): HTMLImageElement;
  requestAnimationFrame(cb: () => void): number;
  cancelAnimationFrame(id: number): void;
}

/** H5: the <canvas> element sized to its box at the device's pixel ratio. */
function h5Surface(el: HTMLCanvasElement, cssHeight: number): Surface | null {
  // F2 may have pinned the previous drawing's size on the element: back to the box's width first
  el.style.width = '100%';
  el.style.height = `${cssHeight}px`;
  const width = el.clientWidth;
  const height = el.clientHeight;
  const context = el.getContext('2d');
  if (!width || !height || !context) return null;
  const pixelRatio = window.devicePixelRatio || 1;
  el.width = Math.round(width * pixelRatio);
  el.height = Math.round(height * pixelRatio);
  return { context, width, height, pixelRatio };
}

/** weapp: the <canvas type="2d"> node found by id, sized to its box at the device's pixel ratio. */
function weappSurface(id: string): Promise<Surface | null> {
  return new Promise((resolve) => {
    Taro.createSelectorQuery()
      .select(`#${id}`)
      .fields({ node: true, size: true })
      .exec((res: { node?: WechatCanvasNode; width: number; height: number }[]) => {
        const hit = res?.[0];
        if (!hit?.node || !hit.width || !hit.height) return resolve(null);
        const pixelRatio = Taro.getSystemInfoSync().pixelRatio || 2;
        hit.node.width = Math.round(hit.width * pixelRatio);
        hit.node.height = Math.round(hit.height * pixelRatio);
        resolve({ context: hit.node.getContext('2d'), width: hit.width, height: hit.height, pixelRatio, node: hit.node });
      });
  });
}

function draw(s: Surface, render: ChartRender): Canvas {
  const node = s.node;
  const canvas = new Canvas({
    context: s.context,
    width: s.width,
    height: s.height,
    pixelRatio: s.pixelRatio,
    animate: false,
    children: render({ width: s.width, height: s.height }),
    ...(node && {
      createImage: () => node.createImage(),
      requestAnimationFrame: (cb: () => void) => node.requestAnimationFrame(cb),
      cancelAnimationFrame: (h: number) => node.cancelAnimationFrame(h),
      offscreenCanvas: Taro.createOffscreenCanvas({ type: '2d' }),
    }),
  } as ConstructorParameters<typeof Canvas>[0]);
  void canvas.render();
  return canvas;
}

/** H5: the window's width, settled (a wider window widens the phone column: the chart is drawn again to fit). */
function useH5Width(): number {
  const [width, setWidth] = useState(IS_H5 ? window.innerWidth : 0);
  useEffect(() => {
    if (!IS_H5) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onResize = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setWidth(window.innerWidth), 150);
    };
    window.addEventListener('resize', onResize);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('resize', onResize);
    };
  }, []);
  return width;
}

/**
 * One F2 chart on a canvas, in both builds: H5 a <canvas> element, weapp a <Canvas type="2d"> node. Redrawn
 * whenever `dataKey` changes (pass a string of what the chart shows). `summary` is the chart's content as text for
 * screen readers and tests (a canvas has none).
 */
export function F2Chart({ id, height, render, dataKey, summary }: { id: string; height: number; render: ChartRender; dataKey: string; summary: string }) {
  const h5Ref = useRef<HTMLCanvasElement | null>(null);
  const renderRef = useRef(render);
  renderRef.current = render;
  const width = useH5Width();

  useEffect(() => {
    let chart: Canvas | null = null;
    let gone = false;
    const start = async () => {
      const surface = IS_H5 ? (h5Ref.current ? h5Surface(h5Ref.current, height) : null) : await weappSurface(id);
      if (surface && !gone) chart = draw(surface, renderRef.current);
    };
    // weapp: the node exists once the render is committed to the view layer
    if (IS_H5) void start();
    else Taro.nextTick(() => void start());
    return () => {
      gone = true;
      chart?.destroy();
    };
  }, [id, dataKey, width, height]);

  const style = { width: '100%', height: `${height}px`, display: 'block' };
  return (
    <View className={`rp-chart e2e-chart-${id}`} aria-label={summary} data-summary={summary}>
      {IS_H5 ? createElement('canvas', { ref: h5Ref, id, style }) : <TaroCanvas type="2d" id={id} style={style} />}
    </View>
  );
}
