// ESLint rule: each folder imports only what its runtime allows (see the folder table in the
// design notes). A zone names a folder, the folders it may import from, and which packages.
import path from 'node:path';

function matches(pattern, specifier) {
  if (pattern.endsWith('*')) return specifier.startsWith(pattern.slice(0, -1));
  return specifier === pattern || specifier.startsWith(`${pattern}/`);
}

function zoneOf(zones, relativeFile) {
  const normalised = relativeFile.split(path.sep).join('/');
  return zones
    .filter((zone) => normalised === zone.folder || normalised.startsWith(`${zone.folder}/`))
    .sort((a, b) => b.folder.length - a.folder.length)[0];
}

/** @type {import('eslint').Rule.RuleModule} */
export const importBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'keeps each folder to the imports its runtime allows' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          zones: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                folder: { type: 'string' },
                allow: { type: 'array', items: { type: 'string' } },
                packages: { type: 'array', items: { type: 'string' } },
                forbidPackages: { type: 'array', items: { type: 'string' } },
                forbid: { type: 'array', items: { type: 'string' } },
              },
              required: ['folder', 'allow'],
              additionalProperties: false,
            },
          },
        },
        required: ['zones'],
        additionalProperties: false,
      },
    ],
    messages: {
      folder: '{{from}} may not import from {{to}} (allowed: {{allowed}}).',
      package: '{{from}} may not import the package "{{name}}".',
    },
  },
  create(context) {
    const options = context.options[0] ?? { zones: [] };
    const root = options.root ?? context.cwd;
    const file = context.filename;
    const zone = zoneOf(options.zones, path.relative(root, file));
    if (!zone) return {};

    function check(node, specifier) {
      if (typeof specifier !== 'string') return;
      if (specifier.startsWith('.')) {
        const target = path.relative(root, path.resolve(path.dirname(file), specifier)).split(path.sep).join('/');
        const inside = (folder) => target === folder || target.startsWith(`${folder}/`);
        const allowed = zone.allow.some(inside) && !(zone.forbid ?? []).some(inside);
        if (!allowed) {
          context.report({
            node,
            messageId: 'folder',
            data: { from: zone.folder, to: target, allowed: zone.allow.join(', ') },
          });
        }
        return;
      }
      const name = specifier;
      const forbidden = (zone.forbidPackages ?? []).some((pattern) => matches(pattern, name));
      const permitted = zone.packages === undefined || zone.packages.some((pattern) => matches(pattern, name));
      if (forbidden || !permitted) {
        context.report({ node, messageId: 'package', data: { from: zone.folder, name } });
      }
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

export default { rules: { 'import-boundaries': importBoundaries } };
