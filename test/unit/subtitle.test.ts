import { Polar } from '../../nodes/Polar/Polar.node';
import { resourceList } from '../../nodes/Polar/actions/resources';

/** An operation's action ("Get a product") as the canvas subtitle says it ("Get product"). */
const subtitleOf = (action: string) => action.replace(/^(\S+) (?:a|an) /, '$1 ');

/** The subtitle expression every operation's action implies, in the Resource field's order. */
function expectedSubtitle(): string {
	const words: Record<string, string> = {};
	for (const { resource, description } of resourceList) {
		const operation = description.find((p) => p.name === 'operation');
		for (const option of (operation?.options ?? []) as Array<{ value: string; action: string }>) {
			words[`${resource.value}:${option.value}`] = subtitleOf(option.action);
		}
	}
	const map = JSON.stringify(words).replace(/","/g, '", "').replace(/":"/g, '": "');
	return `={{ ${map.replace(/^\{/, '{ ').replace(/\}$/, ' }')}[$parameter["resource"] + ":" + $parameter["operation"]] ?? $parameter["operation"] }}`;
}

test('the canvas subtitle says what every operation does in words, not n8n’s raw values', () => {
	// On failure, the expected value is the string to paste into Polar.node.ts.
	expect(new Polar().description.subtitle).toBe(expectedSubtitle());
});
