export * from './survey-types';
export * from './survey-rules';
