// @matrix/tools: the workspace's local Nx plugin (generators.json lists its generators).
export { productGenerator } from './generators/product/generator';
