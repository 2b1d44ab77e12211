// The generate grid (LLM-Viewer's own benchmark): 3 Llama-2 sizes × 5 devices × 3 bit settings
// × batch 1/8/32 × prompt 128/1024/4096, each prefill + 128 decode steps, in llm-viewer mode = 405 tasks.
export function generateGrid() {
  const models = ['llama-2-7b', 'llama-2-13b', 'llama-2-70b'];
  const hardware = ['nvidia_A100', 'nvidia_A100_80G', 'nvidia_H100', 'nvidia_H100_PCIe', 'nvidia_V100'];
  const bits = ['w16a16kv16', 'w4a16kv16', 'w8a8kv8'];
  const out = [];
  for (const model of models)
    for (const hw of hardware)
      for (const b of bits)
        for (const batch of [1, 8, 32])
          for (const seq of [128, 1024, 4096]) out.push({ model, hardware: hw, stage: 'generate', batch, seq, gen: 128, bits: b, mode: 'llm-viewer' });
  return out;
}
