# Copyright (c) mmcontrast contributors. All rights reserved.
"""Publishing converter (student only) and the BERT converter (text-mode parity with HF)."""
import importlib.util
import os.path as osp

import torch

REPO = osp.join(osp.dirname(__file__), '..', '..')


def _tool(name):
    spec = importlib.util.spec_from_file_location(
        name, osp.join(REPO, 'tools', 'model_converters', f'{name}.py'))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_publish_keeps_only_student_and_loads_into_seqf(ctp_model):
    ctp = ctp_model()
    out = _tool('ctp_publish').convert(dict(state_dict=ctp.state_dict(), meta={}))
    assert all(k.startswith('student.') for k in out['state_dict'])
    seqf = ctp_model(distill=False, topology=False)
    seqf.load_state_dict(out['state_dict'], strict=True)


def test_bert_converter_text_mode_matches_hf():
    from transformers import BertConfig, BertForMaskedLM

    import mmcontrast.pretrain  # noqa: F401
    from mmcontrast.pretrain.models.multimodal import ALBEFBertEncoder, ALBEFMLMHead
    torch.manual_seed(0)
    hf_cfg = BertConfig(vocab_size=30, hidden_size=16, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=32, max_position_embeddings=20)
    hf = BertForMaskedLM(hf_cfg).eval()
    conv = _tool('ctp_bert2mmcontrast').convert(hf.state_dict())
    enc = ALBEFBertEncoder(vocab_size=30, hidden_size=16, num_layers=3, fusion_layer=2,
                           num_heads=2, intermediate_size=32, encoder_width=8,
                           max_position_embeddings=20).eval()
    head = ALBEFMLMHead(hidden_size=16, vocab_size=30)
    missing, unexpected = enc.load_state_dict(
        {k[len('text_encoder.'):]: v for k, v in conv.items() if k.startswith('text_encoder.')},
        strict=False)
    assert not unexpected and all('layer.2.' in k for k in missing)  # only the fusion layer
    head.load_state_dict({k[len('mlm_head.'):]: v for k, v in conv.items()
                          if k.startswith('mlm_head.')})
    ids = torch.randint(1, 30, (2, 7))
    mask = torch.ones(2, 7, dtype=torch.long)
    mask[1, 5:] = 0
    with torch.no_grad():
        ours = enc(ids, mask, mode='text')
        ref = hf.bert(input_ids=ids, attention_mask=mask).last_hidden_state
        torch.testing.assert_close(ours, ref, rtol=1e-5, atol=1e-5)
        torch.testing.assert_close(head(ours, enc.embeddings.word_embeddings.weight),
                                   hf.cls(ref), rtol=1e-5, atol=1e-5)
