# Copyright (c) mmcontrast contributors. All rights reserved.
"""Installs mmcontrast.

Like mmseg/mmpretrain's ``add_mim_extension``, ``configs/``, ``tools/`` and
``model-index.yml`` are placed under ``mmcontrast/.mim/`` so that
``_base_ = 'mmcontrast::...'`` and ``mim`` work after a non-editable install.
An editable install (``pip install -e .``) links them instead of copying.
"""
import os
import os.path as osp
import platform
import shutil
import sys
import warnings

from setuptools import find_packages, setup


def readme() -> str:
    with open('README.md', encoding='utf-8') as f:
        return f.read()


def get_version() -> str:
    version_file = osp.join('mmcontrast', 'version.py')
    scope: dict = {}
    with open(version_file, encoding='utf-8') as f:
        exec(compile(f.read(), version_file, 'exec'), scope)
    return scope['__version__']


def parse_requirements(fname: str) -> list:
    """Read requirement lines, following ``-r other.txt`` includes."""
    reqs = []
    with open(fname, encoding='utf-8') as f:
        for line in f:
            line = line.split('#', 1)[0].strip()
            if not line:
                continue
            if line.startswith('-r '):
                reqs += parse_requirements(
                    osp.join(osp.dirname(fname), line.split(' ', 1)[1]))
            else:
                reqs.append(line)
    return reqs


def add_mim_extension() -> None:
    """Add extra files needed by ``mim`` and ``mmcontrast::`` config paths."""
    if 'develop' in sys.argv or any('editable' in a for a in sys.argv):
        mode = 'symlink'
    elif 'sdist' in sys.argv or 'bdist_wheel' in sys.argv or 'install' in sys.argv:
        mode = 'copy'
    else:
        return

    filenames = ['tools', 'configs', 'model-index.yml']
    repo_path = osp.dirname(osp.abspath(__file__))
    mim_path = osp.join(repo_path, 'mmcontrast', '.mim')
    os.makedirs(mim_path, exist_ok=True)

    for filename in filenames:
        if not osp.exists(filename):
            continue
        src_path = osp.join(repo_path, filename)
        tar_path = osp.join(mim_path, filename)
        if osp.isfile(tar_path) or osp.islink(tar_path):
            os.remove(tar_path)
        elif osp.isdir(tar_path):
            shutil.rmtree(tar_path)

        if mode == 'symlink' and platform.system() != 'Windows':
            os.symlink(osp.relpath(src_path, mim_path), tar_path)
        else:
            if mode == 'symlink':
                warnings.warn('Symlinks are not available; copying instead.')
            if osp.isfile(src_path):
                shutil.copyfile(src_path, tar_path)
            else:
                shutil.copytree(src_path, tar_path)


if __name__ == '__main__':
    add_mim_extension()
    setup(
        name='mmcontrast',
        version=get_version(),
        description='Contrastive-learning methods as OpenMMLab 2.x plugins',
        long_description=readme(),
        long_description_content_type='text/markdown',
        author='mmcontrast contributors',
        keywords='computer vision, contrastive learning, openmmlab',
        packages=find_packages(exclude=('configs', 'tools', 'tests', 'benchmarks',
                                        'projects', 'docs')),
        include_package_data=True,
        package_data={'mmcontrast': ['.mim/**/*', 'seg/datasets/class_names/*.txt']},
        python_requires='>=3.8',
        classifiers=[
            'Programming Language :: Python :: 3',
            'License :: OSI Approved :: Apache Software License',
            'Operating System :: POSIX :: Linux',
        ],
        license='Apache License 2.0',
        install_requires=parse_requirements('requirements/runtime.txt'),
        extras_require={
            'tests': parse_requirements('requirements/tests.txt'),
            'mminstall': parse_requirements('requirements/mminstall.txt'),
        },
        zip_safe=False)
