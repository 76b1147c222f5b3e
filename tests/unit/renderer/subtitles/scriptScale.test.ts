import { describe, expect, it } from 'vitest';
import { scaleScript } from '../../../../renderer/subtitles/scriptScale';

const script = [
  '[V4+ Styles]',
  'Format: Name, Fontname, Fontsize, PrimaryColour',
  'Style: Default,Arimo,48,&H00FFFFFF',
  'Style: Sign,Arimo,30.5,&H00FFFFFF',
  '',
  '[Events]',
  'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
  'Dialogue: 0,0:00:01.00,0:00:02.00,Sign,,0,0,0,,{\\pos(100,200)\\fs40\\fscx120\\fsp2}Text{\\fs20}small',
].join('\n');

describe('scaleScript', () => {
  it('scales the styles’ sizes and \\fs tags, nothing else', () => {
    const scaled = scaleScript(script, 1.5).split('\n');
    expect(scaled[2]).toBe('Style: Default,Arimo,72,&H00FFFFFF');
    expect(scaled[3]).toBe('Style: Sign,Arimo,45.75,&H00FFFFFF');
    expect(scaled[7]).toBe('Dialogue: 0,0:00:01.00,0:00:02.00,Sign,,0,0,0,,{\\pos(100,200)\\fs60\\fscx120\\fsp2}Text{\\fs30}small');
  });

  it('leaves the script alone at 100 %', () => {
    expect(scaleScript(script, 1)).toBe(script);
  });
});
