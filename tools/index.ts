// @matrix/tools: the workspace's local Nx plugin (generators.json lists its generators).
export { productGenerator } from './generators/product/generator';
export { deployablesGenerator } from './generators/deployables/generator';
