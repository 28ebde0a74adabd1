// The demo page of rill serve. Plain browser JavaScript against the JSON API (fetch, streams):
// no libraries, nothing fetched from elsewhere, no build step.
'use strict';

const $ = (id) => document.getElementById(id);

/** Which panel shows which task's models. */
const PANELS = [
  {tasks: ['classification'], section: 'classify', select: 'classify-model'},
  {tasks: ['tagging'], section: 'tag', select: 'tag-model'},
  {tasks: ['language_model', 'conditioned_generation'], section: 'generate', select: 'generate-model'},
];

/** The served models by name, as /api/models lists them. */
const served = new Map();

/** An element with attributes and children (strings become text: nothing from the server is parsed as HTML). */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

/** POSTs JSON; a non-2xx answer becomes an Error carrying the server's message. */
async function post(path, body, signal) {
  const response = await fetch(path, {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify(body),
    signal,
  });
  if (!response.ok) {
    let message = `HTTP ${response.status}`;
    try {
      message = (await response.json()).message || message;
    } catch (ignored) {
      // not JSON: keep the status
    }
    throw new Error(message);
  }
  return response;
}

function showError(target, error) {
  target.replaceChildren(el('p', {class: 'error'}, error.message));
}

const percent = (p) => `${(100 * p).toFixed(1)}%`;

function optionText(model) {
  const dev = model.metrics && model.metrics.dev;
  return dev && dev.accuracy != null ? `${model.name} (dev accuracy ${percent(dev.accuracy)})` : model.name;
}

async function loadModels() {
  let models;
  try {
    const response = await fetch('api/models');
    models = (await response.json()).models;
  } catch (error) {
    $('status').textContent = `Could not list the models: ${error.message}`;
    return;
  }
  for (const panel of PANELS) {
    const mine = models.filter((m) => panel.tasks.includes(m.task));
    $(panel.select).replaceChildren(...mine.map((m) => el('option', {value: m.name}, optionText(m))));
    const section = $(panel.section);
    section.classList.toggle('unavailable', mine.length === 0);
    section.querySelector('.missing').hidden = mine.length > 0;
    section.querySelectorAll('select, textarea, input, button[type=submit]').forEach((c) => { c.disabled = mine.length === 0; });
  }
  models.forEach((m) => served.set(m.name, m));
  showConditions();
  $('status').textContent = `${models.length} model${models.length === 1 ? '' : 's'} served: `
    + models.map((m) => `${m.name} (${m.task.replace('_', ' ')})`).join(', ');
  document.body.dataset.ready = 'true';
}

// Sentiment: the most probable label, then a bar per label.
function bar(label, probability, top) {
  return el('div', {class: top ? 'bar top' : 'bar'},
    el('span', {class: 'bar-label', title: label}, label),
    el('div', {class: 'bar-track'}, el('div', {class: 'bar-fill', style: `width: ${percent(probability)}`})),
    el('span', {class: 'bar-value'}, percent(probability)));
}

$('classify-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const out = $('classify-result');
  out.textContent = 'Classifying…';
  try {
    const response = await post('api/classify', {model: $('classify-model').value, texts: [$('classify-text').value]});
    const result = (await response.json()).results[0];
    out.replaceChildren(
      el('p', {class: 'verdict'}, 'Label ', el('strong', {class: 'label'}, result.label), ` with ${percent(result.probability)}`),
      ...Object.entries(result.probabilities).map(([label, p]) => bar(label, p, label === result.label)));
  } catch (error) {
    showError(out, error);
  }
});

// Tagging: every token with its tag beneath it. Universal POS tags have fixed colours, so a noun looks the
// same in every sentence; other tag sets (XPOS, entities) get one of the same colours by a hash of the tag.
const TAG_COLOURS = {
  NOUN: '#2f6fdf', PROPN: '#1b4aa0', VERB: '#c2410c', AUX: '#9a3412', ADJ: '#15803d', ADV: '#4d7c0f',
  PRON: '#7c3aed', DET: '#6b7280', ADP: '#0e7490', CCONJ: '#a16207', SCONJ: '#854d0e', NUM: '#be185d',
  PART: '#9333ea', INTJ: '#db2777', PUNCT: '#374151', SYM: '#475569', X: '#64748b',
};
const PALETTE = Object.values(TAG_COLOURS);

function tagColour(tag) {
  if (TAG_COLOURS[tag]) {
    return TAG_COLOURS[tag];
  }
  let hash = 0;
  for (const c of tag) {
    hash = (hash * 31 + c.codePointAt(0)) >>> 0;
  }
  return PALETTE[hash % PALETTE.length];
}

function token(word, tag) {
  return el('span', {class: 'token'},
    el('span', {class: 'word'}, word),
    el('span', {class: 'tag', style: `background: ${tagColour(tag)}`}, tag));
}

$('tag-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const out = $('tag-result');
  out.textContent = 'Tagging…';
  try {
    const response = await post('api/tag', {model: $('tag-model').value, text: $('tag-text').value});
    const sentences = (await response.json()).sentences;
    out.replaceChildren(...sentences.map((s) => el('p', {class: 'sentence'}, ...s.tokens.map((t, i) => token(t, s.tags[i])))));
    if (sentences.length === 0) {
      out.textContent = 'No words in that text.';
    }
  } catch (error) {
    showError(out, error);
  }
});

// Generation: server-sent events read from a fetch stream (EventSource cannot POST, nor show a 400's message).
async function readEvents(response, onEvent) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const {value, done} = await reader.read();
    if (done) {
      return;
    }
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message';
      let data = '';
      for (const line of frame.split('\n')) {
        if (line.startsWith('event: ')) {
          name = line.slice(7);
        } else if (line.startsWith('data: ')) {
          data += line.slice(6);
        }
      }
      onEvent(name, JSON.parse(data));
    }
  }
}

let running = null;

$('generate-temperature').addEventListener('input', () => {
  $('generate-temperature-value').textContent = Number($('generate-temperature').value).toFixed(2);
});

$('generate-stop').addEventListener('click', () => running && running.abort());

/**
 * A conditioned generator writes for a label: offer its conditions and guidance (1, the setting docs/benchmarks/conditioned.md
 * recommends), and hide both for a language model, which refuses them.
 */
function showConditions() {
  const model = served.get($('generate-model').value);
  const conditions = (model && model.conditions) || [];
  $('generate-condition').replaceChildren(...conditions.map((c) => el('option', {value: c}, c)));
  $('generate-condition-label').hidden = conditions.length === 0;
  $('generate-guidance-label').hidden = conditions.length === 0;
}

$('generate-model').addEventListener('change', showConditions);

$('generate-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const controller = new AbortController();
  running = controller;
  const output = $('generate-output');
  const continuation = output.querySelector('.continuation');
  const info = $('generate-info');
  const prompt = $('generate-prompt').value;
  output.querySelector('.prompt').textContent = prompt;
  continuation.textContent = '';
  info.textContent = 'Generating…';
  output.classList.add('running');
  $('generate-run').disabled = true;
  $('generate-stop').disabled = false;
  try {
    const response = await post('api/generate/stream', {
      model: $('generate-model').value,
      ...($('generate-condition-label').hidden ? {} : {condition: $('generate-condition').value}),
      ...($('generate-guidance-label').hidden ? {} : {guidance: Number($('generate-guidance').value)}),
      prompt,
      length: Number($('generate-length').value),
      temperature: Number($('generate-temperature').value),
    }, controller.signal);
    await readEvents(response, (name, data) => {
      if (name === 'token') {
        continuation.textContent += data.text;
      } else if (name === 'done') {
        info.textContent = `${data.tokens} tokens, seed ${data.seed}`;
      } else if (name === 'error') {
        throw new Error(data.message);
      }
    });
  } catch (error) {
    if (error.name === 'AbortError') {
      info.textContent = 'Stopped.';
    } else {
      info.replaceChildren(el('span', {class: 'error'}, error.message));
    }
  } finally {
    output.classList.remove('running');
    $('generate-run').disabled = false;
    $('generate-stop').disabled = true;
    running = null;
  }
});

loadModels();
