export interface ProductGeneratorSchema {
  name: string;
  title?: string;
  apiPort?: number;
  webPort?: number;
  skipMigrations?: boolean;
  skipFormat?: boolean;
}
