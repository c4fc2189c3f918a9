export declare const SERVER_BUNDLES: { name: string; source: string }[];
export declare const PRODUCTION_STEPS: {
  install: string;
  build: string;
  installProd: string;
  migrate: string;
  api: string;
  worker: string;
  setup: string;
};
export declare const PRODUCTION_FILES: string[];
